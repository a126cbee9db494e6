import type { AddressObject, EmailAddress } from 'mailparser';
import { invalidInput } from '../../domain/errors.ts';
import type { ChildFile, ParseHints, ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { checkDepth } from './zip.parse.ts';

/** Headers that only an e-mail starts with; one of them must be there. */
const SENDER_HEADERS = /^(from|received|return-path|delivered-to|sender|x-mailer):/i;
/** Headers that every e-mail has one of. */
const MESSAGE_HEADERS = /^(subject|date|mime-version|message-id|to|content-type):/i;

/**
 * Whether the bytes start with an RFC 5322 header block: every line up to the first blank one is
 * a header or a continuation, with a sender header and a message header among them.
 */
export function looksLikeEmail(bytes: Uint8Array): boolean {
  // Most files fail on their first line: test it before decoding and splitting 16 KB.
  const firstEnd = bytes.subarray(0, 16 * 1024).indexOf(0x0a);
  const first = new TextDecoder('latin1').decode(bytes.subarray(0, firstEnd < 0 ? 16 * 1024 : firstEnd));
  if (!/^[!-9;-~]+:/.test(first)) {
    return false;
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16 * 1024));
  const lines = head.split(/\r?\n/);
  let sender = false;
  let message = false;
  let headers = 0;
  for (const [i, line] of lines.entries()) {
    if (line === '') {
      break;
    }
    if (i > 0 && /^[ \t]/.test(line)) {
      continue;
    }
    if (!/^[!-9;-~]+:/.test(line)) {
      return false;
    }
    headers++;
    sender ||= SENDER_HEADERS.test(line);
    message ||= MESSAGE_HEADERS.test(line);
  }
  return headers >= 2 && sender && message;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string | null => {
  if (!a) {
    return null;
  }
  const format = (list: EmailAddress[]): string[] =>
    list.flatMap((v) =>
      v.group ? format(v.group) : [v.name && v.address ? `${v.name} <${v.address}>` : (v.address ?? v.name)],
    );
  const text = format((Array.isArray(a) ? a : [a]).flatMap((x) => x.value))
    .filter(Boolean)
    .join(', ');
  return text || null;
};

/**
 * One e-mail: a header block (From, To, Cc, Date, Subject) and the body as text (the HTML part,
 * converted, when there is no plain part); attachments become children.
 * @throws invalid_input when the message cannot be read
 */
export async function parseEml(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  checkDepth(hints);
  let mail;
  try {
    const { simpleParser } = await import('mailparser');
    mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      skipTextToHtml: true,
      skipImageLinks: true,
    });
  } catch (e) {
    throw invalidInput(
      `the e-mail could not be read (${(e as Error).message}); export it again from the mail program`,
      {},
      e,
    );
  }
  const from = addresses(mail.from);
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
  const subject = mail.subject?.trim() ?? '';
  const header = [
    from && `From: ${from}`,
    to && `To: ${to}`,
    cc && `Cc: ${cc}`,
    date && `Date: ${date}`,
    subject && `Subject: ${subject}`,
  ].filter((l): l is string => Boolean(l));
  const body = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  const children: ChildFile[] = mail.attachments.map((a, i) => ({
    name: a.filename?.trim() || `attachment-${i + 1}`,
    bytes: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
  }));
  const text = [header.join('\n'), body].filter(Boolean).join('\n\n');
  return {
    mediaType: 'message/rfc822',
    title: subject || (from ? `E-mail from ${from}` : 'E-mail'),
    text,
    url: null,
    outlet: null,
    author: from,
    publishedAt: date ? date.slice(0, 10) : null,
    metadata: {
      email: {
        from,
        to,
        cc,
        date,
        messageId: mail.messageId ?? null,
        inReplyTo: mail.inReplyTo ?? null,
        attachments: children.map((c) => c.name),
      },
    },
    children,
  };
}

export const emlParser: Parser = {
  name: 'eml',
  matches: (bytes) => looksLikeEmail(bytes),
  parse: (bytes, hints) => parseEml(bytes, hints),
};
