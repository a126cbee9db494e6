/**
 * Ingest benchmark: N generated multilingual articles through `longarm ingest` (1 and 2 workers)
 * and, in the same run and engine, the same texts inserted bare (table + tsvector + GIN).
 * Usage: npm run bench:ingest [-- --docs 10000 --workers 1,2 --ingest-args=--no-extract]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { generateArticles } from './corpus.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const DOCS = Number(arg('docs', '10000'));
const WORKERS = arg('workers', '1,2').split(',').map(Number);
// Extra flags for `longarm ingest`, e.g. --ingest-args=--no-extract to time indexing alone.
const INGEST_ARGS = (
  process.argv.find((a) => a.startsWith('--ingest-args='))?.slice('--ingest-args='.length) ?? ''
)
  .split(' ')
  .filter(Boolean);

const CLI = join(import.meta.dirname, '..', 'bin', 'longarm.mjs');

const root = mkdtempSync(join(tmpdir(), 'longarm-bench-'));
const files = join(root, 'files');
mkdirSync(files);
for (const a of generateArticles(DOCS)) {
  writeFileSync(join(files, a.name), a.text);
}
const names = readdirSync(files).sort();
const mb = (n: number): number => Math.round(n / 1e6);

async function bare(): Promise<number> {
  const db = await PGlite.create({ dataDir: join(root, 'bare') });
  await db.exec(`create table bare (id text primary key, body text not null,
    tsv tsvector generated always as (to_tsvector('simple', body)) stored);
    create index bare_tsv on bare using gin (tsv);`);
  const started = performance.now();
  for (let i = 0; i < names.length; i += 100) {
    await db.transaction(async (tx) => {
      for (const name of names.slice(i, i + 100)) {
        await tx.query('insert into bare (id, body) values ($1, $2)', [
          name,
          readFileSync(join(files, name), 'utf8'),
        ]);
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return DOCS / seconds;
}

/** Peak resident memory of a process and its threads (Linux VmHWM), polled until it exits. */
function watchPeak(pid: number): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      peak = Math.max(peak, Number(m?.[1] ?? 0) * 1024);
    } catch {
      // the process has ended
    }
  }, 25);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** The real CLI (built bundle) in its own process, so its memory is its own; the folder is created first. */
async function longarm(workers: number): Promise<{ rate: number; peak: number }> {
  const env = { ...process.env, LONGARM_DATA: join(root, `longarm-${workers}`) };
  execFileSync(process.execPath, [CLI, 'db', 'migrate'], { env });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'ingest', files, '--workers', String(workers), '--json', ...INGEST_ARGS],
    {
      env,
    },
  );
  const stopWatch = watchPeak(child.pid ?? 0);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = (performance.now() - started) / 1000;
  const peak = stopWatch();
  const report = JSON.parse(out) as { ingested: unknown[]; failed: unknown[] };
  if (code !== 0 || report.ingested.length !== DOCS) {
    throw new Error(
      `expected ${DOCS} ingested, got ${report.ingested.length} (${report.failed.length} failed, exit ${code})`,
    );
  }
  return { rate: DOCS / seconds, peak };
}

const bareRate = await bare();
const rows: string[] = [];
const results: Record<string, number> = { docs: DOCS, bareDocsPerSecond: Math.round(bareRate) };
for (const w of WORKERS) {
  const r = await longarm(w);
  results[`workers${w}DocsPerSecond`] = Math.round(r.rate);
  results[`workers${w}Ratio`] = Math.round((r.rate / bareRate) * 100) / 100;
  results[`workers${w}PeakRssMB`] = mb(r.peak);
  rows.push(
    `| longarm, ${w} worker${w > 1 ? 's' : ''} | ${r.rate.toFixed(0)} | ${(r.rate / bareRate).toFixed(2)} | ${mb(r.peak)} |`,
  );
}
rmSync(root, { recursive: true, force: true });
process.stdout.write(
  [
    `ingest benchmark: ${DOCS} generated articles in 10 languages, PGlite on disk, node ${process.version}${INGEST_ARGS.length ? `, longarm ingest ${INGEST_ARGS.join(' ')}` : ''}`,
    'longarm runs are whole CLI processes (start, database open, ingest, report); peak RSS is the process high-water mark',
    '',
    '| run | docs/s | ratio to bare | peak RSS MB |',
    '|---|---|---|---|',
    `| bare insert (table + tsvector + GIN) | ${bareRate.toFixed(0)} | 1.00 | — |`,
    ...rows,
    '',
    JSON.stringify(results),
    '',
  ].join('\n'),
);
