import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../../test/factories.ts';
import { createAuditService } from './audit.service.ts';
import { createResolutionService } from './resolution.service.ts';
import { openDb, type Db } from '../store/db.ts';
import { createTestDbTarget } from '../store/test-target.ts';
import type { Viewer } from '../domain/account.ts';

const viewer: Viewer = { kind: 'user', id: 'usr_viewer', role: 'viewer' };
const reviewer: Viewer = { kind: 'user', id: 'usr_rev', role: 'reviewer' };
const readToken: Viewer = { kind: 'user', id: 'usr_owner', role: 'owner', scope: 'read' };

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('entity resolution service', () => {
  it('keeps blocking keys for every name and finds candidates without comparing all pairs', async () => {
    const r = t.core.services.resolution;
    const a = await r.upsertEntity({
      type: 'person',
      canonicalName: 'Dilnoza Karimova',
      names: [{ value: 'Дильноза Каримова', kind: 'transliteration' }],
    });
    const b = await r.upsertEntity({ type: 'person', canonicalName: 'Dilnoza Karimowa' });
    const c = await r.upsertEntity({ type: 'person', canonicalName: 'Tursunov Bahodir' });
    const org = await r.upsertEntity({ type: 'organization', canonicalName: 'Dilnoza Karimova Foundation' });
    await r.addEntityName(c, { value: 'Bakhodir Tursunov' });
    const d = await r.upsertEntity({ type: 'person', canonicalName: 'Baxodir Tursunov' });

    const page = await r.listCandidates({ limit: 50 });
    const pairs = page.pairs.map((p) => [p.left.id, p.right.id].sort().join('+'));
    expect(pairs).toContain([a, b].sort().join('+'));
    expect(pairs).toContain([c, d].sort().join('+'));
    // a person and an organisation are never paired, nor unrelated people
    expect(pairs.some((p) => p.includes(org))).toBe(false);
    expect(pairs).not.toContain([a, c].sort().join('+'));
    const ab = page.pairs.find(
      (p) => [p.left.id, p.right.id].includes(a) && [p.left.id, p.right.id].includes(b),
    )!;
    expect(ab.score).toBeGreaterThan(0.8);
    expect(ab.explanation.features.map((f) => f.name)).toContain('token_alignment');
    expect(ab.explanation.leftName).toBeTruthy();
    expect(page.total).toBe(page.pairs.length);
    // pagination is stable
    const second = await r.listCandidates({ limit: 1, offset: 1 });
    expect(second.pairs[0]?.left.id).toBe(page.pairs[1]?.left.id);
  });

  it('hides pairs whose entities the caller may not read', async () => {
    const r = t.core.services.resolution;
    const pub = await r.upsertEntity({
      type: 'person',
      canonicalName: 'Ruslan Qodirov',
      sensitivity: 'public',
    });
    const res = await r.upsertEntity({
      type: 'person',
      canonicalName: 'Ruslan Kodirov',
      sensitivity: 'restricted',
    });
    const key = [pub, res].sort().join('+');
    const seen = async (v: Viewer) =>
      (await r.listCandidates({ limit: 500 }, v)).pairs.map((p) => [p.left.id, p.right.id].sort().join('+'));
    expect(await seen(reviewer)).toContain(key);
    expect(await seen(viewer)).not.toContain(key);
    await expect(
      r.judge({ left: pub, right: res, verdict: 'unsure' }, { ...viewer, role: 'reviewer' }),
    ).resolves.toMatchObject({ verdict: 'unsure' });
    await expect(r.getEntity(res, viewer)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records judgements, merges on "same", follows merges on read, and splits exactly', async () => {
    const r = t.core.services.resolution;
    const left = await r.upsertEntity({
      type: 'organization',
      canonicalName: 'Fuzhou Public Security Bureau',
      names: [{ value: '福州市公安局', kind: 'translation' }],
    });
    const right = await r.upsertEntity({
      type: 'public_body',
      canonicalName: 'Fuzhou PSB',
      names: [
        { value: '福州市公安局', kind: 'translation' },
        { value: 'Fuzhou City Public Security Bureau' },
      ],
    });
    await expect(r.judge({ left, right, verdict: 'same' }, viewer)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(r.judge({ left, right, verdict: 'same' }, readToken)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(r.judge({ left, right, verdict: 'same' }, { kind: 'anonymous' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const j = await r.judge({ left, right, verdict: 'same', note: 'same bureau' }, reviewer);
    expect(j).toMatchObject({ verdict: 'same', leftId: left, rightId: right, decidedBy: 'user:usr_rev' });
    expect(j.mergeId).toMatch(/^mrg_/);
    const merged = await r.getEntity(right);
    expect(merged.id).toBe(left);
    expect(merged.names.map((n) => n.value).sort()).toEqual(
      [
        'Fuzhou City Public Security Bureau',
        'Fuzhou PSB',
        'Fuzhou Public Security Bureau',
        '福州市公安局',
      ].sort(),
    );
    await expect(r.judge({ left, right, verdict: 'same' })).rejects.toMatchObject({ code: 'invalid_input' });
    // the merged pair is out of the queue
    const queue = await r.listCandidates({ limit: 500 });
    expect(queue.pairs.some((p) => p.left.id === right || p.right.id === right)).toBe(false);

    const split = await r.split(right, reviewer);
    expect(split).toMatchObject({ entityId: right, from: left, names: 2, mentions: 0 });
    expect((await r.getEntity(right)).names.map((n) => n.value).sort()).toEqual(
      ['Fuzhou City Public Security Bureau', 'Fuzhou PSB', '福州市公安局'].sort(),
    );
    expect((await r.getEntity(left)).names.map((n) => n.value).sort()).toEqual(
      ['Fuzhou Public Security Bureau', '福州市公安局'].sort(),
    );
    await expect(r.split(right)).rejects.toMatchObject({ code: 'invalid_input' });
    const actions = (await t.core.services.audit.recent(50)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['entity.judge', 'entity.merge', 'entity.split']));
    expect(await t.core.services.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('merge and split on the store', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestDbTarget();
    cleanup = target.cleanup;
    db = await openDb(target.target);
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  it('re-points mentions on merge and puts back exactly those on split, through a chain of merges', async () => {
    const audit = createAuditService({ db, key: Buffer.from('a key for the test only') });
    const r = createResolutionService({ db, audit });
    const [a, b, c] = [
      await r.upsertEntity({ type: 'person', canonicalName: 'Aigerim Sultanova' }),
      await r.upsertEntity({ type: 'person', canonicalName: 'Aygerim Sultanova' }),
      await r.upsertEntity({ type: 'person', canonicalName: 'Sultanova Aigerim' }),
    ];
    await db.query(
      `insert into documents (id, sha256, text, media_type, byte_size) values ('doc_t', 'x', 'text', 'text/plain', 4)`,
    );
    for (const [id, entity] of [
      ['men_1', a],
      ['men_2', b],
      ['men_3', b],
      ['men_4', c],
    ]) {
      await db.query(
        `insert into mentions (id, document_id, entity_id, type, text, span_start, span_end, extractor)
         values ($1, 'doc_t', $2, 'person', 'x', 0, 1, 'test')`,
        [id, entity],
      );
    }
    const mentionsOf = async (id: string) =>
      (await db.query<{ id: string }>('select id from mentions where entity_id = $1 order by id', [id])).map(
        (m) => m.id,
      );
    await r.judge({ left: b, right: c, verdict: 'same' });
    await r.judge({ left: a, right: c, verdict: 'same' }); // c resolves to b: b merges into a
    expect(await mentionsOf(a)).toEqual(['men_1', 'men_2', 'men_3', 'men_4']);
    expect((await r.getEntity(c)).id).toBe(a);
    // c's merge into b cannot be undone while b itself is merged
    await expect(r.split(c)).rejects.toMatchObject({ code: 'invalid_input' });
    await r.split(b);
    expect(await mentionsOf(a)).toEqual(['men_1']);
    expect(await mentionsOf(b)).toEqual(['men_2', 'men_3', 'men_4']);
    await r.split(c);
    expect(await mentionsOf(b)).toEqual(['men_2', 'men_3']);
    expect(await mentionsOf(c)).toEqual(['men_4']);
    const keys = await db.query<{ entity_id: string; n: number }>(
      'select entity_id, count(*)::int as n from entity_name_keys where entity_id = any($1::text[]) group by entity_id',
      [[a, b, c]],
    );
    expect(keys.map((k) => k.entity_id).sort()).toEqual([a, b, c].sort());
    // the split pairs are judged different and stay out of the queue
    const queue = await r.listCandidates({ limit: 500 });
    expect(queue.pairs.some((p) => [p.left.id, p.right.id].sort().join() === [a, b].sort().join())).toBe(
      false,
    );
  });

  it('indexes names that other code inserted directly before scoring', async () => {
    const r = createResolutionService({ db });
    await db.query(
      `insert into entities (id, type, canonical_name) values ('ent_direct1', 'person', 'Farrukh Nazarov')`,
    );
    await db.query(
      `insert into entity_names (entity_id, value, script, kind, romanised) values ('ent_direct1', 'Farrukh Nazarov', 'Latn', 'canonical', 'farrukh nazarov')`,
    );
    const other = await r.upsertEntity({ type: 'person', canonicalName: 'Farukh Nazarov' });
    const queue = await r.listCandidates({ limit: 500 });
    expect(
      queue.pairs.some(
        (p) => [p.left.id, p.right.id].includes('ent_direct1') && [p.left.id, p.right.id].includes(other),
      ),
    ).toBe(true);
  });
});
