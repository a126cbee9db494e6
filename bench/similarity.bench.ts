/**
 * Near-duplicate / story-cluster benchmark: N generated articles (bench/corpus.ts), one in ten
 * followed by a lightly edited copy, are ingested into an in-memory PGlite without the after-index
 * stages; then `updateSimilarity()` runs once over all of them. Prints the ms/doc of each part
 * (MinHash, story features, database) and the groups found.
 * Usage: npm run bench:similarity [-- --docs 1000 --seed 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createTestDbTarget, loadConfig } from '@longarm/core';
import { generateArticles } from './corpus.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('docs', '1000'));
const SEED = Number(arg('seed', '7'));
const log = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

const root = mkdtempSync(join(tmpdir(), 'longarm-similarity-'));
try {
  const originals = generateArticles(Math.ceil(N * 0.9), 1500, SEED);
  const files: { path: string; bytes: Uint8Array }[] = [];
  originals.forEach((a, i) => {
    files.push({ path: `${a.name}.txt`, bytes: new TextEncoder().encode(a.text) });
    if (i % 9 === 0 && files.length < N) {
      // A copy with one sentence cut: a near duplicate of the article before it.
      const cut = a.text.replace(/^[^.。]*[.。]\s*/, '');
      files.push({ path: `${a.name}-copy.txt`, bytes: new TextEncoder().encode(cut) });
    }
  });
  files.length = Math.min(files.length, N);
  // In-memory PGlite (no TEST_DATABASE_URL): the same database the unit tests use.
  const testDb = await createTestDbTarget();
  const { target } = testDb;
  const core = await createCore(loadConfig({ LONGARM_DATA: root }), { dbTarget: target });
  let t = performance.now();
  for (let i = 0; i < files.length; i += 250) {
    await core.services.ingest.ingestSources(files.slice(i, i + 250), 'bench', { extract: false });
  }
  log(`documents ${files.length}, ingest ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const r = await core.services.similarity.updateSimilarity();
  const total = performance.now() - t;
  const per = (ms: number): string => (ms / Math.max(1, r.processed)).toFixed(2);
  log(`updateSimilarity: ${r.processed} documents in ${(total / 1000).toFixed(1)} s (${per(total)} ms/doc)`);
  log(
    `  minhash ${per(r.timings.minhashMs)} ms/doc, features ${per(r.timings.featuresMs)} ms/doc, database ${per(r.timings.storeMs)} ms/doc`,
  );
  log(`  joined a near-duplicate group: ${r.nearDuplicates}, joined a story cluster: ${r.storyLinks}`);
  await core.close();
  await testDb.cleanup();
} finally {
  rmSync(root, { recursive: true, force: true });
}
