import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRequestSchema } from '@longarm/contracts';
import { ANONYMOUS_VIEWER, LOCAL_VIEWER } from '../domain/account.ts';
import { openTestCore, utf8, type TestCore } from '../../test/factories.ts';

/**
 * Typo corrections follow the reader's levels: when the closest indexed word occurs only in a
 * record the reader may not see, the next closest word that finds a visible record is offered.
 */
let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
  const report = await t.core.services.ingest.ingestSources(
    [
      {
        path: 'public.txt',
        bytes: utf8(
          'Consulate visit\n\nVolunteers described a visit by Gorbunov to the consulate last winter.',
        ),
        known: { sensitivity: 'public' },
      },
      {
        // The source's own misspelling, in a record only staff may read.
        path: 'restricted.txt',
        bytes: utf8('Source note\n\nThe informant named Gorbunova as the person who arranged the meeting.'),
        known: { sensitivity: 'restricted' },
      },
    ],
    'test',
    { extract: false },
  );
  expect(report.failed).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const search = (q: string, viewer = LOCAL_VIEWER) =>
  t.core.services.search.search(SearchRequestSchema.parse({ q }), viewer);

describe('typo corrections and sensitivity', () => {
  it('offers the closest word to a reader who sees it, and the next visible one to a reader who does not', async () => {
    const staff = await search('gorbonova');
    expect(staff.corrections).toEqual([expect.objectContaining({ from: 'gorbonova', to: 'gorbunova' })]);
    expect(staff.hits.map((h) => h.title)).toContain('Source note');

    const anonymous = await search('gorbonova', ANONYMOUS_VIEWER);
    expect(anonymous.corrections).toEqual([expect.objectContaining({ from: 'gorbonova', to: 'gorbunov' })]);
    expect(anonymous.hits.map((h) => h.title)).toEqual(['Consulate visit']);
    expect(JSON.stringify(anonymous)).not.toContain('gorbunova');
  });

  it('offers nothing when no close word finds a visible record', async () => {
    const anonymous = await search('informnt', ANONYMOUS_VIEWER);
    expect(anonymous).toMatchObject({ total: 0, corrections: [] });
  });
});
