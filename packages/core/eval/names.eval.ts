// Name-matching benchmark: `npm run eval:names` (optionally with the path of shared/eval/nlp/name-matching).
// Files and roles:
//   nomenklatura-name-bench/cases.csv — the DEVELOPMENT half (447 pairs); NAME_PARAMS were tuned on it.
//   nomenklatura-name-bench/logicv2-frozen.csv — OpenSanctions logic-v2 scores on the same rows (reference).
//   wikidata-translit-coling2018/wd_*_20.tsv — rows are split by position: even rows = "dev" sample (used
//   while writing the romanisers), odd rows = "report" sample (not looked at while tuning). Each sample:
//   1,000 deterministic pairs; every Latin token ranks all 1,000 native-script tokens.
//   cedict-modern-chinese-persons — conventional English names against hanzi (coverage only, not tuned on).
//   --no-cedict skips it; --dev-only / --pairs-only shorten the run; --errors prints misses.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { compareNames, NAME_PARAMS } from '../src/names/index.ts';

for (const arg of process.argv.filter((a) => a.startsWith('--set='))) {
  const [k, v] = arg.slice(6).split('=');
  (NAME_PARAMS as Record<string, number>)[k ?? ''] = Number(v);
}
const root = resolve(
  process.argv.slice(2).find((a) => !a.startsWith('-')) ??
    join(import.meta.dirname, '../../../../shared/eval/nlp/name-matching'),
);
const out = (s: string): boolean => process.stdout.write(`${s}\n`);

interface Case {
  schema: string;
  name1: string;
  name2: string;
  is_match: string;
  case_group: string;
  quality: string;
}
const cases = Papa.parse<Case>(readFileSync(join(root, 'nomenklatura-name-bench/cases.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data;
const frozen = Papa.parse<Case & { score: string }>(
  readFileSync(join(root, 'nomenklatura-name-bench/logicv2-frozen.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;

function prf(rows: { gold: boolean; pred: boolean }[]): { p: number; r: number; f1: number; n: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const x of rows) {
    if (x.pred && x.gold) {
      tp++;
    } else if (x.pred) {
      fp++;
    } else if (x.gold) {
      fn++;
    }
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, n: rows.length };
}
const f3 = (x: number): string => x.toFixed(3);

const t0 = performance.now();
const scored = cases.map((c) => ({ c, score: compareNames(c.name1, c.name2, c.schema).score }));
const elapsed = (performance.now() - t0) / 1000;
// pairs per second on warm caches is misleading: time a second pass with fresh (swapped, suffixed) strings too
const t1 = performance.now();
let reps = 0;
for (let k = 0; k < 100; k++) {
  for (const c of cases) {
    compareNames(`${c.name2} ${k}x`, `${c.name1} ${k}x`, c.schema);
    reps++;
  }
}
const coldRate = reps / ((performance.now() - t1) / 1000);
const t2 = performance.now();
for (let k = 0; k < 20; k++) {
  for (const c of cases) {
    compareNames(c.name1, c.name2, c.schema);
  }
}
const warmRate = (20 * cases.length) / ((performance.now() - t2) / 1000);

const sweep = process.argv.includes('--sweep');
out(`# Name matching — nomenklatura dev half (${cases.length} pairs), threshold ${NAME_PARAMS.threshold}`);
out('| subset | n | P | R | F1 | logic-v2 F1 (same rows, 0.7) |');
out('|---|---|---|---|---|---|');
const frozenKey = new Map(frozen.map((f) => [`${f.schema}|${f.name1}|${f.name2}`, Number(f.score)]));
const groups: [string, (c: Case) => boolean][] = [
  ['all', () => true],
  ['Person', (c) => c.schema === 'Person'],
  ['Company/Org/LegalEntity', (c) => c.schema !== 'Person'],
  ['nk_checks', (c) => c.case_group === 'nk_checks'],
  ['synth_people', (c) => c.case_group === 'synth_people'],
  ['synth_companies', (c) => c.case_group === 'synth_companies'],
];
for (const [label, keep] of groups) {
  const rows = scored.filter((s) => keep(s.c));
  const m = prf(rows.map((s) => ({ gold: s.c.is_match === 'true', pred: s.score >= NAME_PARAMS.threshold })));
  const ref = rows
    .map((s) => ({ s, f: frozenKey.get(`${s.c.schema}|${s.c.name1}|${s.c.name2}`) }))
    .filter((x) => x.f !== undefined);
  const mr = prf(ref.map((x) => ({ gold: x.s.c.is_match === 'true', pred: (x.f ?? 0) >= 0.7 })));
  out(`| ${label} | ${m.n} | ${f3(m.p)} | ${f3(m.r)} | ${f3(m.f1)} | ${f3(mr.f1)} (n=${mr.n}) |`);
}
out(
  `speed: ${cases.length} pairs in ${elapsed.toFixed(2)} s on first sight; ${Math.round(coldRate)} pairs/s on unseen strings, ${Math.round(warmRate)} pairs/s with cached analyses (one core)`,
);
if (sweep) {
  for (let t = 0.6; t <= 0.951; t += 0.025) {
    const m = prf(scored.map((s) => ({ gold: s.c.is_match === 'true', pred: s.score >= t })));
    out(`  threshold ${t.toFixed(3)}: P ${f3(m.p)} R ${f3(m.r)} F1 ${f3(m.f1)}`);
  }
}
if (process.argv.includes('--errors')) {
  for (const s of scored) {
    const gold = s.c.is_match === 'true';
    if (gold !== s.score >= NAME_PARAMS.threshold) {
      out(`  ${gold ? 'FN' : 'FP'} ${s.score.toFixed(3)} [${s.c.schema}] ${s.c.name1} | ${s.c.name2}`);
    }
  }
}

// cross-script retrieval
function sample<T>(rows: T[], n: number, seed: number): T[] {
  let x = seed;
  const rnd = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const copy = [...rows];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}
const baselines: Record<string, number> = { chinese: 0.481, russian: 0.878, arabic: 0.574 };
const targets: Record<string, number> = { chinese: 0.8, russian: 0.95, arabic: 0.8 };
out('');
out(
  '# Cross-script accuracy@1 (Wikidata, 1,000-pair pools; any-ascii + Levenshtein baseline from BASELINES.md)',
);
out('| set | half | acc@1 | MRR | baseline | target |');
out('|---|---|---|---|---|---|');
const halves = process.argv.includes('--dev-only') ? ['dev'] : ['dev', 'report'];
/** Every Latin query ranks every native-script name of the pool; prints acc@1 and MRR. */
function retrieval(label: string, half: string, pool: { latin: string; native: string }[]): void {
  let hit = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const q of pool) {
    const right = compareNames(q.latin, q.native, 'Person').score;
    let better = 0;
    for (const c of pool) {
      if (c.native !== q.native && compareNames(q.latin, c.native, 'Person').score > right) {
        better++;
      }
    }
    if (better === 0) {
      hit++;
    } else if (misses.length < 8) {
      misses.push(`${q.latin}→${q.native}`);
    }
    mrr += 1 / (better + 1);
  }
  out(
    `| ${label} | ${half} | ${f3(hit / pool.length)} | ${f3(mrr / pool.length)} | ${baselines[label] ?? '–'} | ${targets[label] ?? '–'} |`,
  );
  if (process.argv.includes('--errors')) {
    out(`  misses: ${misses.join(', ')}`);
  }
}
for (const lang of process.argv.includes('--pairs-only') ? [] : ['chinese', 'russian', 'arabic']) {
  const lines = readFileSync(join(root, `wikidata-translit-coling2018/wd_${lang}_20.tsv`), 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const half of halves) {
    const rows = lines
      .filter((_, i) => i % 2 === (half === 'dev' ? 0 : 1))
      .map((l) => l.split('\t'))
      .map(([latin, native]) => ({ latin: latin ?? '', native: (native ?? '').replace(/ /g, '') }));
    retrieval(lang, half, sample(rows, 1000, 42));
  }
}
// CC-CEDICT modern persons: the conventional English name (Wade–Giles, Cantonese, Hokkien, Western given
// names, foreign names) against the simplified characters, only rows whose English form is not the pinyin.
// A coverage/regression figure with no external anchor; not used for tuning.
if (!process.argv.includes('--pairs-only') && !process.argv.includes('--no-cedict')) {
  const cedict = readFileSync(join(root, 'cedict-modern-chinese-persons/cedict_persons.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .filter(([, , py, en]) => en && py && en.toLowerCase() !== py.toLowerCase())
    .map(([simplified, , , en]) => ({ latin: en ?? '', native: simplified ?? '' }));
  retrieval('cedict-en', 'all', cedict);
}
