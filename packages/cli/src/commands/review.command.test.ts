import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'longarm-review-cli-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliCaptured(dataDir, argv);

interface Item {
  id: string;
  status: string;
  documentId: string;
  note: string | null;
}

describe('longarm ingest --no-extract, extract --pending and review', () => {
  it('indexes without extracting, catches up, and records decisions', async () => {
    const file = join(work, 'article.txt');
    writeFileSync(
      file,
      'Stations abroad\n\nThe Dutch government ordered two Chinese police stations in Rotterdam to close on 1 November 2022; 14 people were questioned.',
    );
    const ingested = await cli('ingest', file, '--no-extract', '--json');
    expect(ingested.code).toBe(0);
    expect(Object.keys(JSON.parse(ingested.out) as object)).toEqual([
      'ingested',
      'duplicates',
      'failed',
      'warnings',
      'run',
    ]);
    const empty = JSON.parse((await cli('review', 'list', '--json')).out) as { total: number };
    expect(empty.total).toBe(0);

    const caught = await cli('extract', '--pending', '--json');
    expect(caught.code).toBe(0);
    const report = JSON.parse(caught.out) as { extracted: number; remaining: number; mentions: number };
    expect([report.extracted, report.remaining]).toEqual([1, 0]);
    expect(report.mentions).toBeGreaterThan(0);
    expect((await cli('extract', '--pending')).out).toMatch(/^extracted 0 documents .* 0 still waiting\n$/);

    const listed = JSON.parse((await cli('review', 'list', '--json')).out) as {
      items: Item[];
      total: number;
    };
    expect(listed.total).toBeGreaterThan(2);
    const [a, b, c] = listed.items;
    if (!a || !b || !c) {
      throw new Error('expected three suggestions');
    }
    const accepted = await cli('review', 'accept', a.id, b.id, '--json');
    expect(accepted.code).toBe(0);
    expect((JSON.parse(accepted.out) as Item[]).map((i) => i.status)).toEqual(['accepted', 'accepted']);
    const rejected = await cli('review', 'reject', c.id, '--note', 'not relevant');
    expect(rejected.code).toBe(0);
    expect(rejected.out).toContain(`${c.id}  rejected`);
    const nowPending = JSON.parse((await cli('review', 'list', '--json')).out) as { total: number };
    expect(nowPending.total).toBe(listed.total - 3);
    const decided = JSON.parse((await cli('review', 'list', '--status', 'rejected', '--json')).out) as {
      items: Item[];
    };
    expect(decided.items.map((i) => [i.id, i.note])).toEqual([[c.id, 'not relevant']]);

    const log = JSON.parse((await cli('audit', 'list', '--json')).out) as { action: string; actor: string }[];
    expect(log.filter((e) => e.action.startsWith('review.')).map((e) => `${e.actor} ${e.action}`)).toEqual([
      'local review.reject',
      'local review.accept',
      'local review.accept',
    ]);

    const unknown = await cli('review', 'accept', 'men_unknown');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('men_unknown');
    const bad = await cli('review', 'list', '--status', 'maybe');
    expect(bad.err).toContain('--status takes one of');
    const neither = await cli('extract');
    expect(neither.code).not.toBe(0);
    expect(neither.err).toContain('--pending');
  }, 300_000);
});
