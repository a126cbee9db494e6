/**
 * Dedupe benchmark: N generated entities with known duplicate groups (bench/names-corpus.ts) are
 * written through the resolution service into PGlite (names + blocking keys), then candidate pairs
 * are generated corpus-wide from the store's keys and scored by the name matcher.
 * Prints load time, blocking and scoring time, pairs, pairs/s, and precision/recall of the pairs
 * at the matcher's threshold against the generated groups (and the recall of blocking alone).
 * Usage: npm run bench:dedupe [-- --entities 100000 --seed 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, loadConfig, openDb } from '@longarm/core';
import { generateEntities } from './names-corpus.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('entities', '100000'));
const SEED = Number(arg('seed', '7'));
const THRESHOLD = 0.775;

const root = mkdtempSync(join(tmpdir(), 'longarm-dedupe-'));
const log = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

try {
  const records = generateEntities(N, SEED);
  const core = await createCore(loadConfig({ LONGARM_DATA: root }), {
    dbTarget: { kind: 'pglite', dataDir: join(root, 'db') },
  });
  const r = core.services.resolution;
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 2000) {
    const chunk = records.slice(i, i + 2000);
    ids.push(
      ...(await r.upsertEntities(
        chunk.map((e) => ({
          type: e.type,
          canonicalName: e.names[0]!,
          names: e.names.slice(1).map((value) => ({ value, kind: 'transliteration' as const })),
        })),
      )),
    );
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const groupOf = new Map(ids.map((id, i) => [id, records[i]!.group]));
  const names = records.reduce((n, e) => n + e.names.length, 0);
  log(`entities ${records.length}, names ${names}, groups ${new Set(records.map((e) => e.group)).size}`);
  log(`load (entities + names + blocking keys): ${loadSeconds.toFixed(1)} s`);

  const report = await r.refreshCandidates({ all: true });
  log(
    `candidate generation + scoring: ${report.seconds.toFixed(1)} s (blocking ${report.blockingSeconds.toFixed(1)} s, scoring ${report.scoringSeconds.toFixed(1)} s)`,
  );
  log(
    `candidate pairs ${report.pairs}, scored ${(report.pairs / report.scoringSeconds).toFixed(0)} pairs/s, stored (score >= 0.7) ${report.stored}`,
  );

  // Ground truth: every pair of records of one group.
  const sizes = new Map<number, number>();
  for (const e of records) {
    sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
  }
  const truePairs = [...sizes.values()].reduce((n, k) => n + (k * (k - 1)) / 2, 0);

  // The stored pairs, read straight from the database once the core has closed it.
  await core.close();
  const db = await openDb({ kind: 'pglite', dataDir: join(root, 'db') });
  const stored = await db.query<{ l: string; r: string; score: number }>(
    'select left_id as l, right_id as r, score from entity_candidates',
  );
  await db.close();
  let predicted = 0;
  let correct = 0;
  let storedTrue = 0;
  // False pairs whose records carry an identical name: different generated people who share a
  // name; no name matcher can tell them apart (the generator's skewed name frequencies make them).
  let homonyms = 0;
  const falseSamples: string[] = [];
  const namesOf = new Map(ids.map((id, i) => [id, new Set(records[i]!.names.map((n) => n.toLowerCase()))]));
  for (const pair of stored) {
    const same = groupOf.get(pair.l) === groupOf.get(pair.r);
    storedTrue += same ? 1 : 0;
    if (Number(pair.score) >= THRESHOLD) {
      predicted += 1;
      correct += same ? 1 : 0;
      const a = namesOf.get(pair.l);
      if (!same && a && [...(namesOf.get(pair.r) ?? [])].some((n) => a.has(n))) {
        homonyms += 1;
      } else if (!same && falseSamples.length < 12 && Math.random() < 0.05) {
        falseSamples.push(
          `${[...(a ?? [])].join('|')}  ~  ${[...(namesOf.get(pair.r) ?? [])].join('|')}  ${Number(pair.score).toFixed(3)}`,
        );
      }
    }
  }
  const precision = predicted ? correct / predicted : 0;
  const recall = truePairs ? correct / truePairs : 0;
  log(
    `true duplicate pairs ${truePairs}; stored candidates that are true ${storedTrue} (recall of stored ${(storedTrue / truePairs).toFixed(3)})`,
  );
  log(
    `at threshold ${THRESHOLD}: predicted ${predicted}, correct ${correct}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${((2 * precision * recall) / (precision + recall || 1)).toFixed(3)}`,
  );
  log(
    `false pairs with an identical name (homonyms) ${homonyms}; precision without them ${(correct / Math.max(1, predicted - homonyms)).toFixed(3)}`,
  );
  log(`some false pairs:\n  ${falseSamples.join('\n  ')}`);
  log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
