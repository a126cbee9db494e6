import type { Span } from './types.ts';

const HAN = /\p{Script=Han}/u;
export const isHan = (ch: string): boolean => HAN.test(ch);

/** Sentence spans: cut after . ! ? 。！？ followed by space/quote, and at blank or single line breaks. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const cut = /(?<=[.!?…؟])["”’»)]*\s+(?=[\p{Lu}\p{Lo}\p{N}"“«(])|(?<=[。！？；])|\n+/gu;
  let start = 0;
  for (const m of text.matchAll(cut)) {
    push(out, text, start, m.index);
    start = m.index + m[0].length;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) {
    s++;
  }
  while (e > s && /\s/.test(text[e - 1] ?? '')) {
    e--;
  }
  if (e > s) {
    out.push({ start: s, end: e });
  }
}

export const sentenceOf = (spans: Span[], offset: number): Span | undefined =>
  spans.find((s) => offset >= s.start && offset < s.end);

/** Case- and accent-insensitive key for comparing names. */
export const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
