import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Real processes, real kill -9: the data folder must survive a kill at any moment.
const MAIN = resolve(import.meta.dirname, 'main.ts');
const FILES = 300;
let files: string;
let dataDir: string;

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, LONGARM_DATA: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });

/** Starts the CLI and kills it with SIGKILL once `when` holds (polled every 20 ms). */
async function killWhen(when: () => boolean, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, LONGARM_DATA: dataDir },
    stdio: 'ignore',
  });
  const started = Date.now();
  while (!when() && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

const countBlobs = (): number => {
  try {
    return readdirSync(join(dataDir, 'blobs')).reduce(
      (n, d) => n + readdirSync(join(dataDir, 'blobs', d)).length,
      0,
    );
  } catch {
    return 0;
  }
};

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'longarm-crash-files-'));
  dataDir = mkdtempSync(join(tmpdir(), 'longarm-crash-data-'));
  for (let i = 0; i < FILES; i++) {
    writeFileSync(
      join(files, `note-${i}.txt`),
      `Invented case note ${i}\n\nA report number ${i} on pressure put on relatives of a student abroad, written for a crash test.`,
    );
  }
});
afterAll(() => {
  rmSync(files, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9', () => {
  it('during the first initialisation of the data folder, then mid-ingest: a re-run ends with every file exactly once', async () => {
    // While PGlite creates the folder: the temporary sibling exists, the real one not yet.
    await killWhen(() => readdirSync(dataDir).some((f) => f.includes('.init-')), ['ingest', files, '--json']);
    expect(existsSync(join(dataDir, 'pg'))).toBe(false);
    // Mid-ingest: originals are kept while a chunk of 64 is parsed and the chunk before it is
    // written, so 200 originals mean the first chunks are committed and later ones are not.
    await killWhen(() => countBlobs() >= 200, ['ingest', files, '--json']);
    const final = run(['ingest', files, '--json']);
    expect(final.stderr).toBe('');
    expect(final.status).toBe(0);
    const report = JSON.parse(final.stdout) as {
      ingested: unknown[];
      duplicates: unknown[];
      failed: unknown[];
    };
    expect(report.failed).toEqual([]);
    expect(report.ingested.length + report.duplicates.length).toBe(FILES);
    expect(report.duplicates.length).toBeGreaterThan(0);
    expect(report.ingested.length).toBeGreaterThan(0);
    const all = JSON.parse(run(['search', 'crash', '--json', '--limit', '100']).stdout) as { total: number };
    expect(all.total).toBe(FILES);
    expect(readdirSync(dataDir).filter((f) => f.includes('.init-'))).toEqual([]);
  }, 180_000);
});
