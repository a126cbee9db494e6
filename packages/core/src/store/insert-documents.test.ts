import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDocumentIdFromSha256 } from '../domain/ids.ts';
import { toQueryText } from '../domain/search-text.ts';
import { prepareDocument } from '../pipeline/prepare.ts';
import { openDb, type Db } from './db.ts';
import { insertDocumentFiles, insertDocuments, type NewDocument } from './documents.store.ts';
import { searchDocuments } from './search.store.ts';
import { createTestDbTarget } from './test-target.ts';

// Store suite: PGlite in `npm test`, PostgreSQL with TEST_DATABASE_URL.
let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const t = await createTestDbTarget();
  cleanup = t.cleanup;
  db = await openDb(t.target);
});
afterEach(async () => {
  await db.close();
  await cleanup();
});

const newDocument = async (title: string, body: string): Promise<NewDocument> => {
  const p = await prepareDocument({ bytes: new TextEncoder().encode(`${title}\n\n${body}`), hints: {} });
  return {
    id: toDocumentIdFromSha256(p.sha256),
    sha256: p.sha256,
    title: p.parsed.title,
    text: p.parsed.text,
    language: p.language,
    mediaType: p.parsed.mediaType,
    sourceKind: 'document',
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    reliability: null,
    sensitivity: 'internal',
    byteSize: p.byteSize,
    metadata: p.parsed.metadata,
    searchTitle: p.searchTitle,
    searchText: p.searchText,
    searchRomanised: p.searchRomanised,
    parentId: null,
    pathInParent: null,
  };
};

const find = async (q: string): Promise<string[]> =>
  (
    await searchDocuments(db, {
      searchText: toQueryText(q),
      limit: 10,
      offset: 0,
      visible: ['internal'],
    })
  ).rows.map((r) => r.summary.title);

describe('documents insert', () => {
  it('indexes body pinyin without positions and keeps bigram phrases and stems', async () => {
    const zh = await newDocument('海外报道', '报道称福州市公安局在多伦多设立了服务站，当地警方正在调查。');
    const en = await newDocument(
      'Stations abroad',
      'Two police stations were closed in Toronto after a report.',
    );
    const fresh = await insertDocuments(db, [zh, en]);
    expect([...fresh].sort()).toEqual([zh.id, en.id].sort());
    expect(zh.searchRomanised).toContain('gonganju');

    // Body pinyin (not in the title) and a bigram phrase both reach the Chinese document.
    expect(await find('gonganju')).toEqual(['海外报道']);
    expect(await find('Fuzhou')).toEqual(['海外报道']);
    expect(await find('公安局')).toEqual(['海外报道']);
    expect(await find('局公安')).toEqual([]);
    expect(await find('station')).toEqual(['Stations abroad']);

    const [row] = await db.query<{ tsv: string }>('select tsv::text as tsv from documents where id = $1', [
      zh.id,
    ]);
    expect(row?.tsv).toMatch(/'gonganju'(?!:)/);
    expect(row?.tsv).toMatch(/'公安':\d+/);
  });

  it('leaves stored bytes alone and records every path', async () => {
    const doc = await newDocument('Same file', 'The same bytes arrive twice under two names.');
    expect([...(await insertDocuments(db, [doc]))]).toEqual([doc.id]);
    expect([...(await insertDocuments(db, [doc]))]).toEqual([]);
    await insertDocumentFiles(db, [
      { id: doc.id, path: 'a/first.txt' },
      { id: doc.id, path: 'b/second.txt' },
    ]);
    const rows = await db.query<{ path: string }>(
      'select path from document_files where document_id = $1 order by path',
      [doc.id],
    );
    expect(rows.map((r) => r.path)).toEqual(['a/first.txt', 'b/second.txt']);
  });
});
