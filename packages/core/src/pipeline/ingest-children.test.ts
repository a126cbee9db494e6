import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchRequestSchema } from '@longarm/contracts';
import { openTestCore, type TestCore } from '../../test/factories.ts';

let t: TestCore;
let dir: string;
beforeEach(async () => {
  t = await openTestCore();
  dir = mkdtempSync(join(tmpdir(), 'longarm-children-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const nest = (levels: number): Uint8Array => {
  let bytes = zipSync({
    'core.txt': strToU8('The innermost note of an invented archive about a service station.'),
  });
  for (let i = levels - 1; i >= 1; i--) {
    bytes = zipSync({ [`level-${i + 1}.zip`]: bytes });
  }
  return bytes;
};

describe('ingest of containers', () => {
  it('stores archive entries and e-mail attachments as child documents with their paths', async () => {
    writeFileSync(
      join(dir, 'leak.zip'),
      zipSync({
        'lists/talent.csv': strToU8(
          'name,country,sector\nInvented Person One,CA,energy\nInvented Person Two,SE,academia\n',
        ),
        'notes/summary.txt': strToU8(
          'A summary written for a test: the list names foreign officials in two countries.',
        ),
      }),
    );
    const eml = [
      'From: Invented Sender <sender@example.org>',
      'To: desk@example.org',
      'Subject: Station documents',
      'Date: Tue, 04 Oct 2022 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Attached is the invented note about the hotline.',
      '--b1',
      'Content-Type: text/plain; name="hotline.txt"',
      'Content-Disposition: attachment; filename="hotline.txt"',
      '',
      'The invented hotline note says calls came from 82 countries.',
      '--b1--',
      '',
    ].join('\r\n');
    writeFileSync(join(dir, 'mail.eml'), eml);
    const report = await t.core.services.ingest.ingestPaths([dir]);
    expect(report.failed).toEqual([]);
    const paths = report.ingested.map((i) => i.path.slice(dir.length + 1)).sort();
    expect(paths).toEqual([
      'leak.zip',
      'leak.zip!/lists/talent.csv',
      'leak.zip!/notes/summary.txt',
      'mail.eml',
      'mail.eml!/hotline.txt',
    ]);
    const hit = (await t.core.services.search.search(SearchRequestSchema.parse({ q: 'hotline countries' })))
      .hits;
    expect(hit.map((h) => h.title)).toContain('The invented hotline note says calls came from 82 countries.');
  });

  it('ingests an archive nested ten levels down to the limit and reports the level it stops at', async () => {
    writeFileSync(join(dir, 'deep.zip'), nest(10));
    const report = await t.core.services.ingest.ingestPaths([dir]);
    expect(report.ingested.length).toBe(8);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.path.split('!/')).toHaveLength(9);
    expect(report.failed[0]?.message).toMatch(/nested more than 8 levels/);
  });

  it('adds nothing when the same archive comes again', async () => {
    writeFileSync(
      join(dir, 'a.zip'),
      zipSync({ 'x.txt': strToU8('An invented note inside an archive, for a re-run test.') }),
    );
    const first = await t.core.services.ingest.ingestPaths([dir]);
    const second = await t.core.services.ingest.ingestPaths([dir]);
    expect(first.ingested).toHaveLength(2);
    expect(second.ingested).toEqual([]);
    expect(second.duplicates).toHaveLength(1);
    expect(await t.core.services.documents.count()).toBe(2);
  });
});
