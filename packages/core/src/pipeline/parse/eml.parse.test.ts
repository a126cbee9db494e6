import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/factories.ts';
import { emlParser } from './eml.parse.ts';
import { parseDocument } from './parse.stage.ts';

const pdfBase64 = Buffer.from('%PDF-1.4 not a real pdf, only attachment bytes').toString('base64');

const MULTIPART = [
  'Received: from mail.example.org by mx.example.net; Mon, 6 Mar 2023 09:14:00 +0100',
  'From: Ola Berg <ola.berg@example.org>',
  'To: Desk <desk@example.net>',
  'Cc: Mina Kaya <mina.kaya@example.com>',
  'Subject: =?UTF-8?B?TWVldGluZyBpbiBNYWxtw7Y=?=',
  'Date: Mon, 6 Mar 2023 09:13:00 +0100',
  'Message-ID: <abc123@example.org>',
  'In-Reply-To: <prev456@example.net>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="XYZ"',
  '',
  '--XYZ',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Two men from the embassy came to the café again.',
  'They asked about my brother.',
  '--XYZ',
  'Content-Type: application/pdf; name="summons.pdf"',
  'Content-Disposition: attachment; filename="summons.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  pdfBase64,
  '--XYZ--',
  '',
].join('\r\n');

describe('EML', () => {
  it('reads headers, body and attachments', async () => {
    const doc = await parseDocument(utf8(MULTIPART));
    expect(doc.mediaType).toBe('message/rfc822');
    expect(doc.title).toBe('Meeting in Malmö');
    expect(doc.publishedAt).toBe('2023-03-06');
    expect(doc.author).toBe('Ola Berg <ola.berg@example.org>');
    expect(doc.text).toBe(
      [
        'From: Ola Berg <ola.berg@example.org>',
        'To: Desk <desk@example.net>',
        'Cc: Mina Kaya <mina.kaya@example.com>',
        'Date: 2023-03-06T08:13:00.000Z',
        'Subject: Meeting in Malmö',
        '',
        'Two men from the embassy came to the café again.\nThey asked about my brother.',
      ].join('\n'),
    );
    expect(doc.metadata.email).toMatchObject({
      messageId: '<abc123@example.org>',
      inReplyTo: '<prev456@example.net>',
      cc: 'Mina Kaya <mina.kaya@example.com>',
      attachments: ['summons.pdf'],
    });
    expect(doc.children).toHaveLength(1);
    expect(doc.children?.[0]?.name).toBe('summons.pdf');
    expect(Buffer.from(doc.children?.[0]?.bytes ?? []).toString()).toBe(
      '%PDF-1.4 not a real pdf, only attachment bytes',
    );
  });

  it('turns an HTML-only body into text', async () => {
    const eml = [
      'From: alerts@example.org',
      'To: desk@example.net',
      'Subject: Notice',
      'Date: Tue, 7 Mar 2023 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><p>The hearing is <b>postponed</b>.</p><p>New date follows.</p></body></html>',
    ].join('\n');
    const doc = await parseDocument(utf8(eml));
    expect(doc.text).toMatch(/Subject: Notice\n\nThe hearing is postponed\.\s+New date follows\./);
    expect(doc.text).not.toContain('<p>');
    expect(doc.children).toEqual([]);
  });

  it('is recognised by its headers, not by prose that mentions them', () => {
    expect(emlParser.matches(utf8(MULTIPART), {})).toBe(true);
    expect(emlParser.matches(utf8('Subject: my notes\nFrom: memory, mostly\n\nText.'), {})).toBe(true);
    expect(emlParser.matches(utf8('Notes from the meeting\nFrom: the desk\nSubject: calls'), {})).toBe(false);
    expect(emlParser.matches(utf8('Subject: only one header\n\nText.'), {})).toBe(false);
  });
});
