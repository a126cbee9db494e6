import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/factories.ts';
import { mboxParser } from './mbox.parse.ts';
import { parseDocument } from './parse.stage.ts';

const message = (n: number, subject: string, body: string): string =>
  [
    `From sender${n}@example.org Mon Mar  6 09:0${n}:00 2023`,
    `From: Sender ${n} <sender${n}@example.org>`,
    'To: desk@example.net',
    `Subject: ${subject}`,
    `Date: Mon, 6 Mar 2023 09:0${n}:00 +0000`,
    '',
    body,
    '',
  ].join('\n');

describe('MBOX', () => {
  const mbox =
    message(1, 'First report', 'A visit at the door.') +
    message(2, 'Second report', 'Calls to the family.\n>From the start they were polite.') +
    message(3, 'Third report', 'A letter from the ministry.\nFrom what she said, it was signed.');

  it('splits messages into child .eml files and lists them', async () => {
    const doc = await parseDocument(utf8(mbox), { fileName: 'inbox.mbox' });
    expect(doc.mediaType).toBe('application/mbox');
    expect(doc.children?.map((c) => c.name)).toEqual([
      'message-0001.eml',
      'message-0002.eml',
      'message-0003.eml',
    ]);
    expect(doc.text.split('\n')).toEqual([
      'Mailbox with 3 message(s):',
      'message-0001.eml: 2023-03-06T09:01 — First report',
      'message-0002.eml: 2023-03-06T09:02 — Second report',
      'message-0003.eml: 2023-03-06T09:03 — Third report',
    ]);
    const second = new TextDecoder().decode(doc.children?.[1]?.bytes);
    expect(second.startsWith('From: Sender 2')).toBe(true);
    expect(second).toContain('\nFrom the start they were polite.');
    // Each child is an e-mail the pipeline can parse on its own.
    const child = await parseDocument(doc.children?.[2]?.bytes ?? new Uint8Array(), { depth: 1 });
    expect(child.title).toBe('Third report');
    expect(child.text).toContain('A letter from the ministry.\nFrom what she said, it was signed.');
  });

  it('is recognised by a From line followed by headers, or by the .mbox name', () => {
    expect(mboxParser.matches(utf8(mbox), {})).toBe(true);
    expect(mboxParser.matches(utf8('From here on, the notes are mine.\nMore text.'), {})).toBe(false);
    expect(
      mboxParser.matches(utf8('From here on, the notes are mine.\nMore text.'), { fileName: 'a.mbox' }),
    ).toBe(true);
  });
});
