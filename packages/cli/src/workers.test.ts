import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Scale-out on PostgreSQL: two `longarm worker` processes and one `longarm ingest`, all real
// processes on one database, share the files of a run through pg-boss.
const SERVER = process.env.TEST_DATABASE_URL;
const MAIN = resolve(import.meta.dirname, 'main.ts');
const FILES = 240;
let files: string;
let dbName: string;
let url: string;
const workers: ChildProcess[] = [];

const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

describe.skipIf(!SERVER)('ingest with two workers on PostgreSQL', () => {
  beforeAll(async () => {
    dbName = `longarm_workers_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`create database ${dbName}`));
    const u = new URL(SERVER ?? '');
    u.pathname = `/${dbName}`;
    url = u.toString();
    files = mkdtempSync(join(tmpdir(), 'longarm-workers-'));
    for (let i = 0; i < FILES; i++) {
      writeFileSync(
        join(files, `case-${i}.txt`),
        `Invented case ${i}\n\nA note number ${i} about a relative abroad who was pressed to return, for the worker test.`,
      );
    }
    // The schema first, so the workers do not race to create it.
    spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'db', 'migrate'], {
      env: { ...process.env, DATABASE_URL: url },
    });
  });
  afterAll(async () => {
    for (const w of workers) {
      w.kill('SIGKILL');
    }
    rmSync(files, { recursive: true, force: true });
    await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  });

  it('settles every file exactly once, with the jobs spread over the processes', async () => {
    for (let i = 0; i < 2; i++) {
      const w = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--batch', '8'], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      workers.push(w);
      await new Promise<void>((ready) => w.stderr?.once('data', () => ready()));
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'ingest', files, '--json'], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { ingested: unknown[]; duplicates: unknown[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.ingested).toHaveLength(FILES);
    const counts = await (async () => {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const docs = await db.query<{ n: string }>('select count(*) as n from documents');
        const byWorker = await db.query<{ worker: string; n: string }>(
          'select worker, count(*) as n from ingest_run_items group by worker',
        );
        return { docs: Number(docs.rows[0]?.n), byWorker: byWorker.rows };
      } finally {
        await db.end();
      }
    })();
    console.log('files settled per process (host:pid):', JSON.stringify(counts.byWorker));
    expect(counts.docs).toBe(FILES);
    const workerPids = new Set(workers.map((w) => String(w.pid)));
    const byWorkers = counts.byWorker.filter((row) => workerPids.has(row.worker.split(':').pop() ?? ''));
    expect(byWorkers.length).toBeGreaterThanOrEqual(1);
    expect(byWorkers.reduce((n, row) => n + Number(row.n), 0)).toBeGreaterThan(0);
    const again = JSON.parse(
      spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'ingest', files, '--json'], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
        timeout: 120_000,
      }).stdout,
    ) as { ingested: unknown[]; duplicates: unknown[] };
    expect(again.ingested).toEqual([]);
    expect(again.duplicates).toHaveLength(FILES);
  }, 240_000);
});
