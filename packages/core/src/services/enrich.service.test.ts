import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewItem, Viewer } from '../index.ts';
import { openTestCore, utf8, type TestCore } from '../../test/factories.ts';

// Extraction after indexing and the review queue, on a real migrated database.
let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => {
  await t.close();
});

/** An invented article in three languages and scripts, with places, bodies, dates and figures. */
const ARTICLE = [
  'Police stations abroad under investigation',
  '',
  'The Dutch government ordered two undeclared Chinese police stations in Amsterdam and Rotterdam to close on 1 November 2022.',
  'According to Safeguard Defenders, more than 230,000 people were persuaded to return to China between April 2021 and July 2022.',
  'Relatives of the activist Mira Hollenbeck were questioned by police in Fuzhou.',
  '福州市公安局在多个国家设立了海外服务站，并开通了海外110热线。',
  'Svenska Säkerhetspolisen utreder om kinesiska myndigheter övervakar exilgrupper i Stockholm.',
  'The Chinese embassy denied that the offices were police stations.',
].join('\n');

const VIEWER: Viewer = { kind: 'user', id: 'usr_viewer', role: 'viewer' };
const REVIEWER: Viewer = { kind: 'user', id: 'usr_reviewer', role: 'reviewer' };

async function ingest(name: string, text: string, sensitivity = 'internal', extract = true) {
  const report = await t.core.services.ingest.ingestSources(
    [{ path: name, bytes: utf8(text), known: { sensitivity: sensitivity as 'internal' } }],
    'test',
    { extract },
  );
  expect(report.failed).toEqual([]);
  const id = report.ingested[0]?.id ?? '';
  expect(id).toMatch(/^doc_/);
  return id;
}

const all = async (document: string, status?: 'pending' | 'accepted' | 'rejected' | 'edited') =>
  (await t.core.services.review.list({ document, limit: 1000, ...(status ? { status } : {}) })).items;

describe('extraction after indexing', () => {
  it('stores mentions and claims whose spans are slices of the document text', async () => {
    const id = await ingest('multilingual.txt', ARTICLE);
    const doc = await t.core.services.documents.get(id);
    const items = await all(id);
    const mentions = items.filter((i) => i.kind === 'mention');
    const claims = items.filter((i) => i.kind === 'claim');
    expect(mentions.length).toBeGreaterThan(5);
    for (const item of items) {
      expect(doc.text.slice(item.start, item.end)).toBe(item.text);
      expect(item.status).toBe('pending');
      expect(item.sensitivity).toBe('internal');
    }
    const types = new Set(mentions.map((m) => m.type));
    expect(types).toContain('place');
    expect(types).toContain('date');
    expect(mentions.some((m) => m.type === 'place' && m.text === 'Rotterdam' && m.entityId)).toBe(true);
    // The Chinese public security bureau is found in Han script and tied to an entity.
    expect(mentions.some((m) => m.text.includes('福州') && m.entityId !== null)).toBe(true);

    const figure = claims.find((c) => c.type === 'figure' && (c.value as { value: number }).value === 230000);
    expect(figure).toBeDefined();
    expect(figure?.assertedBy).toBe('Safeguard Defenders');
    expect((figure?.value as { period: unknown }).period).toEqual({ from: '2021-04', to: '2022-07' });
    const props = new Set(claims.map((c) => c.type));
    for (const p of ['tactic', 'origin_state', 'host_state']) {
      expect(props).toContain(p);
    }
    const origin = claims.find((c) => c.type === 'origin_state');
    expect((origin?.value as { country: string }).country).toBe('CN');
    // Every evidence span inside a claim's value lies inside the text too.
    for (const c of claims) {
      for (const e of (c.value as { evidence?: { start: number; end: number }[] }).evidence ?? []) {
        expect(e.end).toBeGreaterThan(e.start);
        expect(e.end).toBeLessThanOrEqual(doc.text.length);
      }
    }
    // Nothing is left waiting.
    expect((await t.core.services.enrich.extractPending()).remaining).toBe(0);
  });

  it('waits with --no-extract and catches up with extractPending, in batches', async () => {
    const a = await ingest('a.txt', ARTICLE, 'internal', false);
    const b = await ingest(
      'b.txt',
      'Protest in Paris\n\nChinese police in Paris threatened 12 students in March 2023.',
      'internal',
      false,
    );
    expect(await all(a)).toEqual([]);
    const first = await t.core.services.enrich.extractPending(1);
    expect([first.extracted, first.remaining]).toEqual([1, 1]);
    const rest = await t.core.services.enrich.extractPending();
    expect([rest.extracted, rest.remaining, rest.failed]).toEqual([1, 0, []]);
    expect((await all(a)).length).toBeGreaterThan(0);
    expect((await all(b)).some((i) => i.text === 'Paris')).toBe(true);
    await expect(t.core.services.enrich.extractPending(0)).rejects.toThrow(/whole number/);
  });

  it('keeps every human decision when extraction runs again, and refreshes the pending rest', async () => {
    const id = await ingest('article.txt', ARTICLE);
    const before = await all(id);
    const mentions = before.filter((i) => i.kind === 'mention');
    const [toAccept, toReject, toEdit] = mentions;
    const claim = before.find((i) => i.kind === 'claim');
    if (!toAccept || !toReject || !toEdit || !claim) {
      throw new Error('the article should give at least three mentions and a claim');
    }
    const review = t.core.services.review;
    await review.decide(toAccept.id, { action: 'accept' }, REVIEWER);
    await review.decide(toReject.id, { action: 'reject', note: 'not a name' }, REVIEWER);
    const edited = await review.decide(
      toEdit.id,
      { action: 'edit', correction: { start: toEdit.start, end: toEdit.end + 1 }, note: 'one more letter' },
      REVIEWER,
    );
    const doc = await t.core.services.documents.get(id);
    expect(edited.corrected).toEqual({
      start: toEdit.start,
      end: toEdit.end + 1,
      text: doc.text.slice(toEdit.start, toEdit.end + 1),
    });
    // The suggestion itself is unchanged by the edit.
    expect([edited.text, edited.start, edited.end, edited.status]).toEqual([
      toEdit.text,
      toEdit.start,
      toEdit.end,
      'edited',
    ]);
    await review.decide(claim.id, { action: 'accept' }, REVIEWER);

    const decided = (await all(id)).filter((i) => i.status !== 'pending');
    const pendingBefore = (await all(id, 'pending')).map((i) => i.id);
    const again = await t.core.services.enrich.extractDocuments([id]);
    expect(again.extracted).toBe(1);
    expect(again.keptDecisions).toBe(4);

    const after = await all(id);
    // The decided rows are exactly as they were (ids, statuses, deciders, notes, corrections).
    expect(after.filter((i) => i.status !== 'pending')).toEqual(decided);
    expect(decided.map((d) => [d.status, d.decidedBy])).toEqual(
      expect.arrayContaining([
        ['accepted', 'user:usr_reviewer'],
        ['rejected', 'user:usr_reviewer'],
        ['edited', 'user:usr_reviewer'],
      ]),
    );
    // The pending ones were replaced by fresh rows, one for one; a rejected one does not come back.
    const pendingAfter = after.filter((i) => i.status === 'pending');
    expect(pendingAfter).toHaveLength(pendingBefore.length);
    expect(pendingAfter.some((i) => pendingBefore.includes(i.id))).toBe(false);
    const same = (a: ReviewItem, b: ReviewItem) =>
      a.type === b.type && a.start === b.start && a.end === b.end;
    expect(after.filter((i) => same(i, toReject))).toHaveLength(1);
    expect(after.length).toBe(before.length);

    // Each decision is in the audit log.
    const log = await t.core.services.audit.recent(100);
    expect(
      log
        .filter((e) => e.action.startsWith('review.'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['review.accept', 'review.accept', 'review.edit', 'review.reject']);
    expect(await t.core.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('bulk-accepts, refuses viewers, and refuses an edit whose span leaves the document', async () => {
    const id = await ingest('article.txt', ARTICLE);
    const pending = await all(id, 'pending');
    const ids = pending.slice(0, 5).map((i) => i.id);
    const done = await t.core.services.review.decideMany(ids, { action: 'accept' }, REVIEWER);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'accepted'));
    expect((await all(id, 'accepted')).map((i) => i.id).sort()).toEqual([...ids].sort());
    await expect(t.core.services.review.decideMany(ids, { action: 'reject' }, VIEWER)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      t.core.services.review.decideMany([...ids, 'men_unknown'], { action: 'reject' }, REVIEWER),
    ).rejects.toMatchObject({ code: 'not_found' });
    // all or none: nothing changed by the refused bulk call
    expect((await all(id, 'accepted')).length).toBe(5);
    const one = pending[6];
    if (!one) {
      throw new Error('expected more than six suggestions');
    }
    await expect(
      t.core.services.review.decide(
        one.id,
        { action: 'edit', correction: { start: 5, end: 10 ** 7 } },
        REVIEWER,
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.core.services.review.decide(one.id, { action: 'edit' }, REVIEWER)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('gives suggestions the sensitivity of their document and hides restricted ones from viewers', async () => {
    const open = await ingest('open.txt', ARTICLE, 'internal');
    const closed = await ingest(
      'closed.txt',
      'Source notes\n\nThe informant Tove Lindqvist met Chinese police officers in Gothenburg on 3 May 2023.',
      'restricted',
    );
    const review = t.core.services.review;
    const closedItems = await all(closed);
    expect(closedItems.length).toBeGreaterThan(0);
    expect(new Set(closedItems.map((i) => i.sensitivity))).toEqual(new Set(['restricted']));
    const seen = await review.list({ limit: 1000 }, VIEWER);
    expect(seen.items.some((i) => i.documentId === closed)).toBe(false);
    expect(seen.items.some((i) => i.documentId === open)).toBe(true);
    expect((await review.list({ document: closed }, VIEWER)).total).toBe(0);
    expect((await review.list({ document: closed }, REVIEWER)).total).toBe(closedItems.length);
    const hidden = closedItems[0];
    if (!hidden) {
      throw new Error('no suggestion');
    }
    // A reviewer-level viewer cannot decide what it cannot see; a hidden suggestion is "not found".
    const weakReviewer: Viewer = { kind: 'user', id: 'usr_r', role: 'reviewer', scope: 'read' };
    await expect(review.decide(hidden.id, { action: 'accept' }, weakReviewer)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(review.list({}, { kind: 'anonymous' })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
