import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnrichService } from '../services/enrich.service.ts';
import { openDb, type Db } from './db.ts';
import { createTestDbTarget, type TestDbTarget } from './test-target.ts';

// Document states, entities and names as the extraction stage writes them, read back with SQL.
let t: TestDbTarget;
let db: Db;
beforeEach(async () => {
  t = await createTestDbTarget();
  db = await openDb(t.target);
});
afterEach(async () => {
  await db.close();
  await t.cleanup();
});

let n = 0;
async function addDocument(text: string, sensitivity: string, language = 'en'): Promise<string> {
  n += 1;
  const id = `doc_${String(n).padStart(24, '0')}`;
  await db.query(
    `insert into documents (id, sha256, text, language, media_type, byte_size, sensitivity)
     values ($1, $2, $3, $4, 'text/plain', $5, $6)`,
    [id, `${id}-sha`, text, language, text.length, sensitivity],
  );
  return id;
}

const stateOf = async (id: string) =>
  (
    await db.query<{ state: string; extract_error: string | null }>(
      'select state, extract_error from documents where id = $1',
      [id],
    )
  )[0];

describe('extraction store', () => {
  it('records extract_failed with the reason when the extractor throws, and moves on', async () => {
    const good = await addDocument('Chinese police opened a station in Prague in 2022.', 'internal');
    const bad = await addDocument('This one breaks the extractor.', 'internal');
    const real = (await import('../pipeline/extract/extract.stage.ts')).extractAll;
    const enrich = createEnrichService({
      db,
      extractor: (text, lang, deps) => {
        if (text.includes('breaks')) {
          throw new Error('a rule blew up');
        }
        return real(text, lang, deps);
      },
    });
    const report = await enrich.extractPending();
    expect(report.extracted).toBe(1);
    expect(report.failed).toEqual([{ id: bad, message: 'the extractor failed: a rule blew up' }]);
    expect(report.remaining).toBe(0);
    expect(await stateOf(good)).toEqual({ state: 'extracted', extract_error: null });
    expect(await stateOf(bad)).toEqual({
      state: 'extract_failed',
      extract_error: 'the extractor failed: a rule blew up',
    });
    // A failed document is not taken again by the pending pass; asking for it by id retries it.
    expect((await enrich.extractPending()).extracted).toBe(0);
  });

  it('finds an entity again by type and normalised name, records its spellings, and opens it to lower levels', async () => {
    const enrich = createEnrichService({ db });
    const secret = await addDocument('福州市公安局在布拉格设立了服务站。', 'restricted', 'zh');
    await enrich.extractPending();
    const entities = await db.query<{ id: string; type: string; sensitivity: string; key: string }>(
      `select id, type, sensitivity, metadata->>'name_key' as key from entities order by type, key`,
    );
    expect(entities.length).toBeGreaterThan(0);
    expect(new Set(entities.map((e) => e.sensitivity))).toEqual(new Set(['restricted']));
    const names = await db.query<{ value: string; script: string; romanised: string }>(
      'select value, script, romanised from entity_names order by value',
    );
    const han = names.find((x) => /\p{Script=Han}/u.test(x.value));
    expect(han?.script).toBe('Hani');
    expect(han?.romanised).toMatch(/^[\x20-\x7e]+$/);
    const mentionLevels = await db.query<{ sensitivity: string }>(
      'select distinct sensitivity from mentions where document_id = $1',
      [secret],
    );
    expect(mentionLevels).toEqual([{ sensitivity: 'restricted' }]);

    // The same place in a public document: found again (no second entity), and opened to public.
    await addDocument('A new police service station was reported in Prague.', 'public');
    await enrich.extractPending();
    const prague = await db.query<{ id: string; sensitivity: string }>(
      `select id, sensitivity from entities where type = 'place' and metadata->>'name_key' = 'place:prague'`,
    );
    expect(prague).toHaveLength(1);
    expect(prague[0]?.sensitivity).toBe('public');
    const linked = await db.query<{ n: number }>(
      `select count(distinct document_id)::int as n from mentions where entity_id = $1`,
      [prague[0]?.id],
    );
    expect(linked[0]?.n).toBe(2);
  });
});
