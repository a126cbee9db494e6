import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, utf8, type TestCore } from '../../test/factories.ts';
import { ANONYMOUS_VIEWER } from '../index.ts';

// Invented texts: the people are made up; the public bodies are real names used as examples.
const LONG = `A community centre in the harbour district has become the focus of a dispute between local
volunteers and the city council. The volunteers say the centre offers language classes, legal
advice and a small library for newcomers, and that it has done so for more than ten years without
any complaint. The council argues that the lease expired last autumn and that the building needs
repairs it cannot pay for. At a meeting on Tuesday evening, dozens of residents spoke in favour of
keeping the centre open, and several described how the classes had helped them find work. One
teacher, Marta Oksendal, said the library lends more than two hundred books every month and that
the queue for the evening classes is longer than ever. A council spokesperson replied that no
decision has been taken and that other premises are being considered, including a former school
on the northern edge of the district. The volunteers have started a petition and plan to present
it at the next council meeting, which is expected to take place before the summer holidays.
Residents who cannot attend may send written comments to the council office until the end of
the month, and the volunteers will publish every answer they receive on their notice board.`;

const EDITED = LONG.replace('dozens of residents', 'many residents')
  .replace('more than two hundred books', 'about two hundred books')
  .replace('notice board', 'website')
  .replace(/\n/g, '  ')
  .replace(/\. /g, '.\n\n');

const UNRELATED = `The regional orchestra announced its programme for the coming season on Friday. It opens
with a cycle of symphonies conducted by a guest from abroad, followed by chamber concerts in small
churches across the province. Ticket prices stay the same as last year, and students pay half.
The orchestra also plans workshops for schools and a summer festival in the old botanical garden.`;

const STORY_EN = `Fuzhou police questioned relatives of a student abroad

On 14 March 2023 officers of the Fuzhou Public Security Bureau visited the parents of Tove Brennlund,
a student living in Gothenburg, and questioned 37 relatives in Fuzhou over two days. According to the
family, the officers asked them to pay a deposit of 12,000 yuan and to persuade her to stop her
campaign.`;

const STORY_ZH = `福州警方约谈海外学生亲属

2023年3月14日，福州市公安局的警察到访一名在哥德堡留学的学生的父母家，并在两天内约谈了37名亲属。据家属说，警察要求他们缴纳12000元保证金，并劝她停止活动。`;

const STORY_SV = `Polisen i Fuzhou förhörde en students släktingar

Den 14 mars 2023 besökte poliser från Polismyndigheten i Fuzhou föräldrarna till Tove Brennlund, som
studerar i Göteborg, och förhörde 37 släktingar i Fuzhou under två dagar. Enligt familjen krävde
poliserna en deposition på 12 000 yuan.`;

const OTHER_STORY = `Wenzhou officials visited a shop owner

In June 2021 officials in Wenzhou went to the home of a shop owner's mother and told her that her son,
who runs a shop in Madrid, should come back. They mentioned a fine of 5,000 euros.`;

describe('similarity service', () => {
  let t: TestCore;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestCore();
    const files = { LONG, EDITED, UNRELATED, STORY_EN, STORY_ZH, STORY_SV, OTHER_STORY };
    const report = await t.core.services.ingest.ingestSources(
      [
        ...Object.entries(files).map(([name, text]) => ({ path: `${name}.txt`, bytes: utf8(text) })),
        // A hidden near duplicate: anonymous callers must never see it, nor learn that it exists.
        {
          path: 'HIDDEN.txt',
          bytes: utf8(LONG.replace('Tuesday evening', 'Wednesday evening')),
          known: { sensitivity: 'restricted' as const },
        },
        // Public, so that anonymous callers can read the related lists of the long text.
        { path: 'PUBLIC.txt', bytes: utf8(`${LONG}\n`), known: { sensitivity: 'public' as const } },
      ],
      'test',
      // Without the after-index stages, so that each test decides when similarity runs.
      { extract: false },
    );
    expect(report.failed).toEqual([]);
    for (const d of report.ingested) {
      ids[d.path.replace(/\.txt$/, '')] = d.id;
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('processes every new document once', async () => {
    const first = await t.core.services.similarity.updateSimilarity();
    expect(first.processed).toBe(Object.keys(ids).length);
    expect(first.nearDuplicates).toBeGreaterThanOrEqual(3);
    expect(first.timings.minhashMs).toBeGreaterThan(0);
    const again = await t.core.services.similarity.updateSimilarity();
    expect(again.processed).toBe(0);
  });

  it('groups a lightly edited copy with the original, and not an unrelated text', async () => {
    const related = await t.core.services.similarity.related(ids.EDITED ?? '');
    expect(related.processed).toBe(true);
    const near = related.nearDuplicates.map((d) => d.id);
    expect(near).toContain(ids.LONG);
    expect(near).not.toContain(ids.UNRELATED);
    expect(related.nearDuplicates.find((d) => d.id === ids.LONG)?.jaccard).toBeGreaterThanOrEqual(0.8);
    const unrelated = await t.core.services.similarity.related(ids.UNRELATED ?? '');
    expect(unrelated.nearDuplicates).toEqual([]);
  });

  it('clusters one event told in English, Chinese and Swedish, with the shared evidence', async () => {
    const related = await t.core.services.similarity.related(ids.STORY_ZH ?? '');
    const same = new Map(related.sameStory.map((d) => [d.id, d]));
    expect([...same.keys()].sort()).toEqual([ids.STORY_EN, ids.STORY_SV].sort());
    const en = same.get(ids.STORY_EN ?? '');
    expect(en?.kinds).toEqual(expect.arrayContaining(['place', 'date', 'figure']));
    const keys = en?.shared.map((k) => k.key) ?? [];
    expect(keys).toEqual(expect.arrayContaining(['place:fuzhou|CN', 'date:2023-03', 'figure:12000 CNY']));
    expect(related.nearDuplicates).toEqual([]);
  });

  it('keeps a story about another city apart', async () => {
    const other = await t.core.services.similarity.related(ids.OTHER_STORY ?? '');
    expect(other.sameStory).toEqual([]);
    const en = await t.core.services.similarity.related(ids.STORY_EN ?? '');
    expect(en.sameStory.map((d) => d.id)).not.toContain(ids.OTHER_STORY);
  });

  it('shows a caller only the related documents it may read', async () => {
    const local = await t.core.services.similarity.related(ids.PUBLIC ?? '');
    expect(local.nearDuplicates.map((d) => d.id)).toContain(ids.HIDDEN);
    const anonymous = await t.core.services.similarity.related(ids.PUBLIC ?? '', ANONYMOUS_VIEWER);
    // The other copies are internal or restricted: nothing of them shows, not even a count.
    expect(anonymous).toEqual({ id: ids.PUBLIC, processed: true, nearDuplicates: [], sameStory: [] });
    await expect(
      t.core.services.similarity.related(ids.HIDDEN ?? '', ANONYMOUS_VIEWER),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('processes only the documents it is given', async () => {
    const report = await t.core.services.ingest.ingestSources(
      [
        { path: 'late-a.txt', bytes: utf8(`${UNRELATED} An encore was announced.`) },
        { path: 'late-b.txt', bytes: utf8(`${STORY_EN}\nUpdated.`) },
      ],
      'test',
      { extract: false },
    );
    const [a, b] = report.ingested.map((d) => d.id);
    const only = await t.core.services.similarity.updateSimilarity([a ?? '']);
    expect(only.processed).toBe(1);
    expect((await t.core.services.similarity.related(b ?? '')).processed).toBe(false);
    expect((await t.core.services.similarity.updateSimilarity()).processed).toBe(1);
    expect((await t.core.services.similarity.related(b ?? '')).nearDuplicates.map((d) => d.id)).toContain(
      ids.STORY_EN,
    );
  });

  it('groups two near duplicates that arrive in the same batch', async () => {
    // Neither is stored when the batch is read: the second must find the first within the batch.
    const base = LONG.replace('harbour district', 'river quarter').replace('Marta Oksendal', 'Ilse Vantraa');
    const report = await t.core.services.ingest.ingestSources(
      [
        { path: 'twin-a.txt', bytes: utf8(base) },
        { path: 'twin-b.txt', bytes: utf8(base.replace('last autumn', 'in the autumn')) },
      ],
      'test',
      { extract: false },
    );
    const [a, b] = report.ingested.map((d) => d.id);
    const run = await t.core.services.similarity.updateSimilarity([a ?? '', b ?? '']);
    expect(run.processed).toBe(2);
    expect(run.nearDuplicates).toBeGreaterThanOrEqual(1);
    const related = await t.core.services.similarity.related(b ?? '');
    expect(related.nearDuplicates.map((d) => d.id)).toContain(a);
    expect(related.nearDuplicates.find((d) => d.id === a)?.jaccard).toBeGreaterThanOrEqual(0.8);
    // Both also join the group of the original text stored earlier.
    expect(related.nearDuplicates.map((d) => d.id)).toContain(ids.LONG);
  });
});
