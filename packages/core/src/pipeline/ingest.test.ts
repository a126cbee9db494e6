import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../../test/factories.ts';

let t: TestCore;
let dir: string;
beforeEach(async () => {
  t = await openTestCore();
  dir = mkdtempSync(join(tmpdir(), 'longarm-ingest-'));
});
afterEach(async () => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const isRoot = process.getuid?.() === 0;

describe('ingestPaths', () => {
  it('walks folders, reports each bad input in one line and goes on with the batch', async () => {
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(
      join(dir, 'a.txt'),
      'Police station in Prague\n\nThe office was closed by the city in 2022.',
    );
    writeFileSync(
      join(dir, 'nested', 'deeper', 'b.html'),
      '<html><head><title>Hotline</title></head><body><p>The Overseas 110 hotline took calls from abroad for the provincial bureau.</p></body></html>',
    );
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    const report = await t.core.services.ingest.ingestPaths([dir, join(dir, 'missing.pdf')]);
    expect(report.ingested.map((i) => i.path.slice(dir.length + 1)).sort()).toEqual([
      'a.txt',
      'nested/deeper/b.html',
    ]);
    expect(
      Object.fromEntries(report.failed.map((f) => [f.path.slice(dir.length + 1), `${f.code}: ${f.message}`])),
    ).toEqual({
      'binary.txt': 'invalid_input: the content is an ELF executable, a format this version does not read',
      'empty.txt': 'invalid_input: the file is empty (0 bytes)',
      'missing.pdf': 'not_found: no such file or folder; check the path',
    });
    const runs = await t.core.services.ingest.listRuns();
    expect(runs[0]?.report).toMatchObject({
      failed: expect.arrayContaining([expect.objectContaining({ code: 'not_found' })]),
    });
  });

  it('adds nothing on a second run and reports every file as a duplicate', async () => {
    writeFileSync(join(dir, 'a.txt'), 'First report on the register of foreigners kept by the city.');
    writeFileSync(join(dir, 'b.txt'), 'Second report on exit rules for officials who travel abroad.');
    const first = await t.core.services.ingest.ingestPaths([dir]);
    const second = await t.core.services.ingest.ingestPaths([dir]);
    expect(first.ingested).toHaveLength(2);
    expect(second.ingested).toEqual([]);
    expect(second.duplicates.map((d) => d.of).sort()).toEqual(first.ingested.map((i) => i.id).sort());
    expect(await t.core.services.documents.count()).toBe(2);
  });

  it.skipIf(isRoot)('reports a folder it may not read and ingests the rest', async () => {
    mkdirSync(join(dir, 'closed'));
    writeFileSync(join(dir, 'open.txt'), 'A readable note about a forced return case.');
    chmodSync(join(dir, 'closed'), 0o000);
    const report = await t.core.services.ingest.ingestPaths([dir]);
    chmodSync(join(dir, 'closed'), 0o755);
    expect(report.ingested).toHaveLength(1);
    expect(report.failed).toEqual([
      { path: join(dir, 'closed'), code: 'forbidden', message: expect.stringMatching(/permission denied/) },
    ]);
  });
});
