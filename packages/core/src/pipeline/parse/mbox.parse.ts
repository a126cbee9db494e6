import { invalidInput } from '../../domain/errors.ts';
import type { ChildFile, ParseHints, ParsedDocument, ParseWarning } from '../../domain/source.ts';
import { looksLikeEmail } from './eml.parse.ts';
import type { Parser } from './parser.ts';
import { checkDepth } from './zip.parse.ts';

const FROM_LINE = Buffer.from('\nFrom ');

/** A separator line: `From sender Mon Mar  6 09:01:00 2023` (it always carries a time of day). */
const SEPARATOR = /^From \S+ .*\d{1,2}:\d{2}/;

/**
 * Start offsets of the messages: the first line and every separator line. A body line that starts
 * with "From " but has no time of day is text that the writer forgot to quote, not a new message.
 */
function messageStarts(buf: Buffer): number[] {
  const starts = [0];
  for (let i = buf.indexOf(FROM_LINE); i >= 0; i = buf.indexOf(FROM_LINE, i + 1)) {
    const end = buf.indexOf(0x0a, i + 1);
    const line = buf.subarray(i + 1, end < 0 ? buf.length : Math.min(end, i + 400)).toString('latin1');
    if (SEPARATOR.test(line)) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** A message's bytes without its `From ` line, with mboxrd quoting (`>From `) undone. */
function messageBytes(buf: Buffer, start: number, end: number): Uint8Array {
  const firstBreak = buf.indexOf(0x0a, start);
  const body = buf.subarray(firstBreak < 0 || firstBreak >= end ? end : firstBreak + 1, end);
  const text = body.toString('latin1');
  if (!/^>+From /m.test(text)) {
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }
  return new Uint8Array(Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1'));
}

const looksLikeMbox = (bytes: Uint8Array, hints: ParseHints): boolean => {
  const first = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!first.startsWith('From ')) {
    return false;
  }
  const next = bytes.indexOf(0x0a);
  return /\.mbox$/i.test(hints.fileName ?? '') || (next > 0 && looksLikeEmail(bytes.subarray(next + 1)));
};

/**
 * An mbox mailbox: each message becomes a child `message-0001.eml`; the text lists the messages
 * with their dates and subjects.
 * @throws invalid_input when the mailbox holds no message
 */
export async function parseMbox(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  // Loaded on first use: mail parsing libraries are large and most files are not mail.
  const { simpleParser } = await import('mailparser');
  checkDepth(hints);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = messageStarts(buf);
  const children: ChildFile[] = [];
  const warnings: ParseWarning[] = [];
  const lines: string[] = [];
  const width = Math.max(4, String(starts.length).length);
  for (const [i, start] of starts.entries()) {
    const message = messageBytes(buf, start, starts[i + 1] ?? buf.length);
    const name = `message-${String(i + 1).padStart(width, '0')}.eml`;
    if (!message.some((b) => b > 0x20)) {
      warnings.push({ code: 'invalid_input', message: `${name} is empty and was skipped`, where: name });
      continue;
    }
    children.push({ name, bytes: message });
    let summary = '(no subject)';
    try {
      const headers = await simpleParser(
        Buffer.from(message.buffer, message.byteOffset, message.byteLength),
        {
          skipHtmlToText: true,
          skipTextToHtml: true,
          skipImageLinks: true,
        },
      );
      const date =
        headers.date && !Number.isNaN(headers.date.getTime()) ? headers.date.toISOString().slice(0, 16) : '';
      summary = [date, headers.subject?.trim() || '(no subject)'].filter(Boolean).join(' — ');
    } catch (e) {
      warnings.push({
        code: 'invalid_input',
        message: `${name}: its headers could not be read (${(e as Error).message}); it is kept as is`,
        where: name,
      });
    }
    lines.push(`${name}: ${summary}`);
  }
  if (children.length === 0) {
    throw invalidInput('the mailbox holds no messages: there is nothing to ingest');
  }
  const baseName = hints.fileName?.split(/[\\/]/).pop();
  return {
    mediaType: 'application/mbox',
    title: baseName || `Mailbox (${children.length} messages)`,
    text: [`Mailbox with ${children.length} message(s):`, ...lines].join('\n'),
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    metadata: { mailbox: { messages: children.length } },
    children,
    ...(warnings.length ? { warnings } : {}),
  };
}

export const mboxParser: Parser = {
  name: 'mbox',
  matches: (bytes, hints) => looksLikeMbox(bytes, hints),
  parse: (bytes, hints) => parseMbox(bytes, hints),
};
