import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCliCaptured } from '../test/run-cli.ts';

const SEEDS = resolve(import.meta.dirname, '../../../../shared/seeds');
let dataDir: string;
let work: string;

const cli = (...argv: string[]) => runCliCaptured(dataDir, argv);

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'longarm-cli-data-'));
  work = mkdtempSync(join(tmpdir(), 'longarm-cli-files-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

interface Report {
  ingested: { path: string; id: string; language: string; title: string; sha256: string }[];
  duplicates: { path: string; id: string; of: string }[];
  failed: { path: string; code: string; message: string }[];
}

describe('longarm CLI', () => {
  let seedIds: Record<string, string> = {};

  it('ingests the seed articles with their languages, and adds nothing the second time', async () => {
    const first = await cli('ingest', SEEDS, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as Report;
    expect(report.ingested).toHaveLength(5);
    expect(new Set(report.ingested.map((i) => i.language))).toEqual(new Set(['sv', 'en']));
    seedIds = Object.fromEntries(
      report.ingested.map((i) => [i.path.split('/').pop()?.slice(0, 3) ?? '', i.id]),
    );
    const second = JSON.parse((await cli('ingest', SEEDS, '--json')).out) as Report;
    expect(second.ingested).toEqual([]);
    expect(second.duplicates).toHaveLength(5);
  });

  it('finds seeds 000 and 002 when searching Calgary, and a misspelt name', async () => {
    const r = JSON.parse((await cli('search', 'Calgary', '--json')).out) as { hits: { id: string }[] };
    expect(r.hits.map((h) => h.id).sort()).toEqual([seedIds['000'], seedIds['002']].sort());
    const typo = JSON.parse((await cli('search', 'Ghoreishy', '--json')).out) as {
      hits: { id: string }[];
      corrections: unknown[];
    };
    expect(typo.hits.map((h) => h.id)).toEqual([seedIds['002']]);
  });

  it('shows a document with its text', async () => {
    const r = await cli('show', seedIds['004'] ?? '');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Markham');
  });

  it('reports bad inputs one line each, goes on, and exits 3 when only some failed', async () => {
    writeFileSync(
      join(work, 'good.txt'),
      'An invented note on an overseas police station in Prague that closed in 2022.',
    );
    writeFileSync(join(work, 'empty.txt'), '');
    writeFileSync(
      join(work, 'image.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    );
    const r = await cli('ingest', work, join(work, 'nope'), '--json');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out) as Report;
    expect(report.ingested.map((i) => i.path)).toEqual([join(work, 'good.txt')]);
    expect(report.failed.map((f) => f.path.split('/').pop()).sort()).toEqual([
      'empty.txt',
      'image.txt',
      'nope',
    ]);
    expect(report.failed.every((f) => f.message.length > 10 && !f.message.includes('\n'))).toBe(true);
  });

  it('exits 1 with one clear line when nothing could be done', async () => {
    const missing = await cli('ingest', join(work, 'does-not-exist'));
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('no such file or folder');
    const badFlag = await cli('search', 'x', '--limit', 'lots');
    expect(badFlag.code).toBe(1);
    expect(badFlag.err.trim().split('\n')).toHaveLength(1);
    expect(badFlag.err).toMatch(/^longarm: --limit/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(1);
  });

  it('exports the documents a query matches as CSV', async () => {
    const out = join(work, 'calgary.csv');
    expect(
      (await cli('export', '--type', 'documents', '--format', 'csv', '--query', 'Calgary', '--out', out))
        .code,
    ).toBe(0);
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    const notYet = await cli('export', '--type', 'incidents', '--format', 'geojson');
    expect(notYet.code).toBe(1);
    expect(notYet.err).toContain('not available yet');
  });
});
