import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-classify-'));
const inputDir = mkdtempSync(join(tmpdir(), 'longarm-classify-in-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(inputDir, { recursive: true, force: true });
});
const cli = (argv: string[]) => runCliCaptured(dataDir, argv);

describe('longarm classify', () => {
  it('sets record and field levels, prints them, and refuses a malformed field with one line', async () => {
    const file = join(inputDir, 'note.html');
    writeFileSync(
      file,
      '<html><head><title>A note</title><meta name="author" content="Invented Source"></head><body><p>An invented note about a visit to an office, long enough to be kept as the main text of the page.</p></body></html>',
    );
    const ingested = await cli(['ingest', file, '--json', '--no-extract']);
    expect(ingested.code).toBe(0);
    const id = (JSON.parse(ingested.out) as { ingested: { id: string }[] }).ingested[0]?.id ?? '';
    expect(id).toMatch(/^doc_/);

    const set = await cli([
      'classify',
      id,
      '--level',
      'public',
      '--field',
      'author=protected',
      '--field',
      'url=restricted',
    ]);
    expect(set).toEqual({
      code: 0,
      out: `${id}: public; fields author=protected, url=restricted\n`,
      err: '',
    });
    const cleared = await cli(['classify', id, '--field', 'url=none', '--json']);
    expect(JSON.parse(cleared.out)).toEqual({ id, sensitivity: 'public', fields: { author: 'protected' } });

    const bad = await cli(['classify', id, '--field', 'author']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^longarm: --field takes field=level/);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const nothing = await cli(['classify', id]);
    expect(nothing.err).toMatch(/^longarm: say what to set/);
    // An ingest started from the CLI is audited like one started through the server: counts, no paths.
    const log = JSON.parse((await cli(['audit', 'list', '--json'])).out) as {
      action: string;
      actor: string;
      details?: Record<string, unknown>;
    }[];
    const run = log.find((e) => e.action === 'ingest.run');
    expect(run).toMatchObject({ details: { ingested: 1, duplicates: 0, failed: 0 } });
    expect(log.filter((e) => e.action === 'document.classify')).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain('note.html');
    expect((await cli(['audit', 'verify'])).code).toBe(0);

    const missing = await cli(['classify', 'doc_000000000000000000000000', '--level', 'public']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^longarm: .*not found|^longarm: no document/);
  });
});
