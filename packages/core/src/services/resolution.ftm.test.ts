import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../../test/factories.ts';
import type { Viewer } from '../domain/account.ts';

const SAMPLES = resolve(import.meta.dirname, '../../../../../shared/reference/opensanctions-ftm-samples');

/** Invented entities in FtM lines, with broken lines among them. */
const OWN_SAMPLE = [
  JSON.stringify({
    id: 'x-person-1',
    schema: 'Person',
    properties: {
      name: ['Gulnara Yusupova', 'Гульнара Юсупова'],
      alias: ['G. Yusupova'],
      birthDate: ['1984-05-02'],
      country: ['uz'],
    },
  }),
  '{"id": "broken", "schema": ',
  JSON.stringify({ id: 'x-addr-1', schema: 'Address', properties: { full: ['1 Invented Street'] } }),
  '',
  JSON.stringify({
    id: 'x-org-1',
    schema: 'PublicBody',
    properties: { name: ['Ministry of Invented Affairs'] },
  }),
  JSON.stringify({ id: 'x-noname', schema: 'Person', properties: { country: ['kz'] } }),
  JSON.stringify(['not', 'an', 'object']),
  JSON.stringify({
    op: 'ADD',
    entity: { id: 'x-org-2', schema: 'Company', properties: { name: ['Invented Trading LLC'] } },
  }),
].join('\n');

const viewer: Viewer = { kind: 'user', id: 'usr_v', role: 'viewer' };

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('FollowTheMoney import and export', () => {
  it('imports entities, reports bad lines by number, and goes on past them', async () => {
    const r = t.core.services.resolution;
    const report = await r.importFtm(OWN_SAMPLE);
    expect(report.imported).toBe(3);
    expect(report.lines).toBe(7);
    expect(report.failed.map((f) => f.line)).toEqual([2, 6, 7]);
    expect(report.failed[0]?.error).toMatch(/not JSON/);
    expect(report.failed[1]?.error).toMatch(/x-noname .*no properties\.name/);
    expect(report.skipped).toEqual([{ line: 3, id: 'x-addr-1', reason: expect.stringMatching(/Address/) }]);
    // importing again updates rather than duplicates
    expect((await r.importFtm(OWN_SAMPLE)).imported).toBe(3);

    const lines = [];
    for await (const l of r.exportFtm()) {
      lines.push(JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    }
    expect(lines.map((l) => l.id).sort()).toEqual(['x-org-1', 'x-org-2', 'x-person-1']);
    const person = lines.find((l) => l.id === 'x-person-1')!;
    expect(person.schema).toBe('Person');
    expect(person.properties.name?.sort()).toEqual(['Gulnara Yusupova', 'Гульнара Юсупова'].sort());
    expect(person.properties.alias).toEqual(['G. Yusupova']);
    expect(person.properties.birthDate).toEqual(['1984-05-02']);
    expect(lines.find((l) => l.id === 'x-org-2')?.schema).toBe('Company');
    expect(lines.find((l) => l.id === 'x-org-1')?.schema).toBe('PublicBody');

    // imported entities are internal: an anonymous export sees none of them
    const anonymous = [];
    for await (const l of r.exportFtm({ kind: 'anonymous' })) {
      anonymous.push(l);
    }
    expect(anonymous).toEqual([]);
  });

  it('screens names with birth dates and countries, and matches in the yente shape', async () => {
    const r = t.core.services.resolution;
    const csv = [
      'name,schema,birth_date,country',
      'Gulnara Yusupowa,Person,1984,uz',
      'Гульнара Юсупова,Person,1990-01-01,',
      ',Person,,',
      'Ministry of Invented Affairs,PublicBody,,',
    ].join('\n');
    const rows = await r.screenCsv(csv, { threshold: 0.7 });
    expect(rows.map((x) => x.row)).toEqual([2, 3, 4, 5]);
    const first = rows[0]!.results[0]!;
    expect(first).toMatchObject({ caption: 'Gulnara Yusupova', schema: 'Person', match: true });
    expect(first.explanation.features.map((f) => f.name)).toEqual(
      expect.arrayContaining(['token_alignment', 'birth_date', 'country']),
    );
    const second = rows[1]!.results[0]!;
    expect(second.caption).toBe('Gulnara Yusupova');
    expect(second.explanation.features.find((f) => f.name === 'birth_date')?.value).toBe(0.7);
    expect(second.score).toBeLessThan(first.score);
    expect(rows[2]?.error).toMatch(/row 4: the name is empty/);
    expect(rows[3]?.results[0]?.caption).toBe('Ministry of Invented Affairs');
    await expect(r.screenCsv('who,what\na,b\n')).rejects.toMatchObject({ code: 'invalid_input' });

    const out = await r.match({
      q1: { schema: 'Person', properties: { name: ['Yusupova Gulnara'] } },
      q2: { schema: 'Organization', properties: { name: ['Gulnara Yusupova'] } },
    });
    expect(out.q1?.results[0]).toMatchObject({ caption: 'Gulnara Yusupova', match: true });
    expect(out.q2?.results).toEqual([]); // an organisation query never returns a person
    // an entity the caller may not read is never a result
    expect(
      (await r.match({ q: { properties: { name: ['Gulnara Yusupova'] } } }, {}, viewer)).q?.results.length,
    ).toBe(1);
    expect(
      (await r.match({ q: { properties: { name: ['Gulnara Yusupova'] } } }, {}, { kind: 'anonymous' })).q
        ?.results,
    ).toEqual([]);
  });

  it.runIf(existsSync(SAMPLES))('imports the OpenSanctions samples in shared/reference', async () => {
    const r = t.core.services.resolution;
    const sanctions = await r.importFtm(
      readFileSync(resolve(SAMPLES, 'eu_fsf_sample.entities.ftm.json'), 'utf8'),
    );
    expect(sanctions.failed).toEqual([]);
    expect(sanctions.imported).toBeGreaterThan(0);
    expect(sanctions.imported + sanctions.skipped.length).toBe(sanctions.lines);
    const donations = await r.importFtm(
      readFileSync(resolve(SAMPLES, 'de_party_donations.ftm.ijson'), 'utf8'),
    );
    expect(donations.failed).toEqual([]);
    expect(donations.skipped.some((s) => /Payment|Address/.test(s.reason))).toBe(true);
    // the Cyrillic name of a sanctioned company finds it
    const hit = await r.match({ q: { schema: 'Organization', properties: { name: ['Inter Tobacco LLC'] } } });
    expect(hit.q?.results[0]?.caption).toMatch(/Inter Tobacco/);
  });
});
