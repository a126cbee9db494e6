import { findPhoneNumbersInText } from 'libphonenumber-js';
import { overlaps } from './text.ts';
import type { ExtractedDate, PiiType, Span } from './types.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PASSPORT_CUE =
  /passports?|pass(?:et|nummer)?|passeport|paspoort|Reisepass|pasaporte|passaporto|护照|護照|паспорт/giu;
const PASSPORT_NO = /\b[A-Z]{1,2}\d{6,9}\b|\b\d{9}\b/g;
const BIRTH_CUE =
  /born|date of birth|birthday|DOB|född|födelsedatum|né(?:e)? le|date de naissance|geboren|geboortedatum|nacid[oa]|nato il|出生|生日/giu;

/**
 * First pass at personal data: e-mail addresses, phone numbers in international form, passport-like
 * numbers near a passport word, and dates near a birth word. A fuller PII pass is another issue's.
 */
export function extractPii(
  text: string,
  dates: ExtractedDate[],
): { type: PiiType; start: number; end: number }[] {
  const out: { type: PiiType; start: number; end: number }[] = [];
  for (const m of text.matchAll(EMAIL)) {
    out.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length });
  }
  for (const p of findPhoneNumbersInText(text)) {
    if (!out.some((o) => overlaps(o, { start: p.startsAt, end: p.endsAt }))) {
      out.push({ type: 'PHONE', start: p.startsAt, end: p.endsAt });
    }
  }
  const near = (cue: RegExp, span: Span, reach: number): boolean =>
    [...text.slice(Math.max(0, span.start - reach), span.start).matchAll(cue)].length > 0;
  for (const m of text.matchAll(PASSPORT_NO)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (near(PASSPORT_CUE, span, 40) && !out.some((o) => overlaps(o, span))) {
      out.push({ type: 'PASSPORT', ...span });
    }
  }
  for (const d of dates) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(d.value) && near(BIRTH_CUE, d, 30)) {
      out.push({ type: 'DATE_OF_BIRTH', start: d.start, end: d.end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
