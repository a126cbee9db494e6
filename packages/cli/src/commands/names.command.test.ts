import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'longarm-names-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliCaptured(dataDir, argv);

describe('longarm names', () => {
  it('compare scores every row in order, keeps the columns and never opens the store', async () => {
    const input = join(work, 'pairs.csv');
    const output = join(work, 'scores.csv');
    writeFileSync(
      input,
      'ref,name1,name2,schema\na,肖建华,"Hsiao, Chien-hua",Person\nb,Station 3,Station 4,Organization\nc,福州市公安局,Fuzhou PSB,PublicBody\n',
    );
    const r = await cli('names', 'compare', '--in', input, '--out', output);
    expect(r.code).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('ref,name1,name2,schema,score,match');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['ref', 'a', 'b', 'c']);
    expect(lines[1]).toContain('"Hsiao, Chien-hua"');
    expect(lines[1]).toMatch(/,true$/);
    expect(lines[2]).toMatch(/,false$/);
    expect(lines[3]).toMatch(/,true$/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('compare rejects a CSV without name columns', async () => {
    const input = join(work, 'bad.csv');
    writeFileSync(input, 'a,b\n1,2\n');
    const r = await cli('names', 'compare', '--in', input);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('name1');
  });

  it('explain prints the named features, as text and as JSON', async () => {
    const text = await cli(
      'names',
      'explain',
      '福州市公安局',
      'Fuzhou Municipal Public Security Bureau',
      '--schema',
      'PublicBody',
    );
    expect(text.code).toBe(0);
    expect(text.out).toContain('token_alignment');
    expect(text.out).toContain('org_type');
    const json = await cli('names', 'explain', 'Station 3', 'Station 4', '--json');
    const parsed = JSON.parse(json.out) as { match: boolean; features: { name: string }[] };
    expect(parsed.match).toBe(false);
    expect(parsed.features.map((f) => f.name)).toContain('numbers');
  });
});
