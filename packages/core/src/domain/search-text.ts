/**
 * Text normalisation shared by indexing and querying, so both sides agree on what a word is:
 * NFKC, lower case, diacritics removed, and Chinese/Japanese/Korean runs cut into overlapping
 * two-character tokens. Dictionary segmentation (Intl.Segmenter) is not used for the index: it
 * depends on context (ICU keeps 福州市 as one word, so the query 福州 would miss it), while
 * bigrams match any word of two or more characters wherever it stands. Han runs also get their
 * pinyin (per bigram and trigram, syllables joined, no tones), so a Latin-script query such as
 * "Fuzhou" or "gonganju" finds 福州 and 公安局.
 */

import { pinyin } from 'pinyin-pro';

const MARKS = /\p{M}+/gu;
const HAN_RUN = /\p{Script=Han}+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;

/** Folded form of each UTF-16 unit, filled on first sight (at most 65,536 entries). */
const foldTable: (string | undefined)[] = [];

/** One UTF-16 unit lower-cased and stripped of diacritics, or itself when that would change its length. */
function foldChar(ch: string): string {
  const stripped = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const lower = ch.toLowerCase();
  return stripped.length === 1 ? stripped : lower.length === 1 ? lower : ch;
}

function foldRun(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      out += run[i] ?? '';
      continue;
    }
    let f = foldTable[code];
    if (f === undefined) {
      f = foldChar(run[i] ?? '');
      foldTable[code] = f;
    }
    out += f;
  }
  return out;
}

/**
 * Everything that may fold: A–Z and non-ASCII, except the blocks where every unit folds to itself
 * (CJK ideographs U+3400–9FFF, Hangul syllables U+AC00–D7A3; a test checks each of them).
 */
const FOLDABLE = /[A-Z\u0080-\u33ff\ua000-\uabff\ud7a4-\uffff]+/g;

/** Lower case and strip diacritics, character by character, keeping every UTF-16 index in place. */
export function foldText(text: string): string {
  // Most text is ASCII or needs only lower-casing; fold the rest a run at a time, from a table.
  return text.replace(FOLDABLE, foldRun);
}

export const hasCjk = (text: string): boolean => CJK.test(text);

const hasSurrogate = (s: string): boolean => /[\ud800-\udfff]/.test(s);

/** A CJK run as overlapping bigrams: 福州市公安局 → 福州 州市 市公 公安 安局 (a lone character stays). */
export function toCjkBigrams(run: string): string[] {
  if (!hasSurrogate(run)) {
    // One UTF-16 unit per character: slices, without splitting the run into an array first.
    if (run.length < 2) {
      return run ? [run] : [];
    }
    const grams: string[] = [];
    for (let i = 0; i + 1 < run.length; i++) {
      grams.push(run.slice(i, i + 2));
    }
    return grams;
  }
  const chars = Array.from(run);
  if (chars.length < 2) {
    return chars;
  }
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return grams;
}

/** Pinyin syllables of a Han run, one per character (polyphones read in context), folded to ASCII. */
export function toPinyinSyllables(run: string): string[] {
  return pinyin(run, { toneType: 'none', type: 'array' }).map((s) => foldText(s).replace(/[^a-z]/g, ''));
}

const gramPinyin = new Map<string, string>();

/** Joined pinyin of a 1–3 character Han string, read as a unit (so 重庆 is chongqing), cached. */
function pinyinOfGram(gram: string): string {
  let p = gramPinyin.get(gram);
  if (p === undefined) {
    p = toPinyinSyllables(gram).join('');
    if (gramPinyin.size < 300_000) {
      gramPinyin.set(gram, p);
    }
  }
  return p;
}

/** Pinyin of the grams starting with one character, keyed by the following characters' codes. */
interface GramNode {
  pinyin?: string;
  next?: Map<number, GramNode>;
  /** The last output set (by number) this gram's pinyin went into, to skip adding it again. */
  stamp?: number;
}
/** First characters by UTF-16 code (an array: the first lookup is the most frequent one). */
const gramRoots: (GramNode | undefined)[] = [];
let gramNodes = 0;
let stamps = 0;

/** The node under `parent` for `code`, created while the trie is under its size cap. */
function childNode(parent: Map<number, GramNode>, code: number): GramNode {
  let node = parent.get(code);
  if (node === undefined) {
    node = {};
    if (gramNodes < 300_000) {
      parent.set(code, node);
      gramNodes++;
    }
  }
  return node;
}

/** pinyinOfGram for a 2–3 unit slice of a BMP run, looked up by character codes (no string built). */
function pinyinAt(node: GramNode, run: string, start: number, end: number): string {
  if (node.pinyin === undefined) {
    node.pinyin = pinyinOfGram(run.slice(start, end));
  }
  return node.pinyin;
}

/**
 * Adds the pinyin tokens of a Han run to `out`, in the order toPinyinTokens lists them. `stamp`
 * numbers `out`: a gram met again for the same set is not added again.
 */
function addPinyinTokens(run: string, out: Set<string>, stamp: number): void {
  const add = (token: string): void => {
    if (token) {
      out.add(token);
    }
  };
  if (hasSurrogate(run)) {
    const chars = Array.from(run);
    if (chars.length === 1) {
      add(pinyinOfGram(run));
      return;
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      add(pinyinOfGram(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`));
      if (i + 2 < chars.length) {
        add(pinyinOfGram(`${chars[i] ?? ''}${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`));
      }
    }
    return;
  }
  if (run.length === 1) {
    add(pinyinOfGram(run));
    return;
  }
  for (let i = 0; i + 1 < run.length; i++) {
    const code = run.charCodeAt(i);
    const first = (gramRoots[code] ??= {});
    const second = childNode((first.next ??= new Map<number, GramNode>()), run.charCodeAt(i + 1));
    if (second.stamp !== stamp) {
      second.stamp = stamp;
      add(pinyinAt(second, run, i, i + 2));
    }
    if (i + 2 < run.length) {
      const third = childNode((second.next ??= new Map<number, GramNode>()), run.charCodeAt(i + 2));
      if (third.stamp !== stamp) {
        third.stamp = stamp;
        add(pinyinAt(third, run, i, i + 3));
      }
    }
  }
}

/**
 * Romanised tokens for a Han run: the pinyin of every bigram and trigram ("fuzhou", "gonganju").
 * Grams rather than dictionary words: they need no segmenter, and their pinyin repeats across a
 * corpus, so the cache answers most of them.
 */
export function toPinyinTokens(run: string): string[] {
  const tokens = new Set<string>();
  addPinyinTokens(run, tokens, ++stamps);
  return [...tokens];
}

/**
 * Replaces each CJK run by its bigrams; `quote` wraps them as a phrase (for queries). For the
 * index (`romanise`), Han runs are followed by their pinyin tokens.
 */
export function segmentCjk(text: string, quote = false, romanise = false): string {
  if (!hasCjk(text)) {
    return text;
  }
  // Pinyin goes once per distinct token at the end: position matters for bigram phrases only.
  const latin = new Set<string>();
  const segmented = text.replace(CJK_RUN, (run) => {
    const grams = toCjkBigrams(run).join(' ');
    if (romanise) {
      for (const han of run.match(HAN_RUN) ?? []) {
        for (const token of toPinyinTokens(han)) {
          latin.add(token);
        }
      }
    }
    return quote && grams.includes(' ') ? ` "${grams}" ` : ` ${grams} `;
  });
  return latin.size > 0 ? `${segmented} ${[...latin].join(' ')}` : segmented;
}

/** The text PostgreSQL indexes (and the query it is matched with). */
export function toSearchText(text: string): string {
  return segmentCjk(foldText(text.normalize('NFKC')), false, true)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The same index text in two parts: the words, whose positions matter (bigram phrases, ranking),
 * and the pinyin tokens of the Han runs, a set whose order carries nothing. The store indexes the
 * tokens without positions, which spares PostgreSQL from parsing them: for Chinese text they are
 * about two thirds of the characters. `${words} ${romanised.join(' ')}` equals toSearchText(text).
 */
export function toIndexText(text: string): { words: string; romanised: string[] } {
  return toIndexTextOfFolded(foldText(text.normalize('NFKC')));
}

/**
 * toIndexText of a text already NFKC-normalised and folded, for callers that need the folded text
 * for something else too (the typo vocabulary), so it is folded once.
 */
export function toIndexTextOfFolded(folded: string): { words: string; romanised: string[] } {
  const words = segmentCjk(folded).replace(/\s+/g, ' ').trim();
  const romanised = new Set<string>();
  const stamp = ++stamps;
  for (const han of folded.match(HAN_RUN) ?? []) {
    addPinyinTokens(han, romanised, stamp);
  }
  return { words, romanised: [...romanised] };
}

/**
 * A user's query in the same form, for websearch_to_tsquery: a CJK run becomes a phrase of its
 * bigrams so they must stand next to each other (unless the user wrote quotes already).
 */
export function toQueryText(query: string): string {
  const folded = foldText(query.normalize('NFKC'));
  return segmentCjk(folded, !folded.includes('"')).replace(/\s+/g, ' ').trim();
}

/** Distinct words of a search text worth offering as typo corrections. */
export function listSearchTerms(searchText: string, max = 5000): string[] {
  const terms = new Set<string>();
  // Words repeat: each distinct one is tested once.
  const refused = new Set<string>();
  for (const raw of searchText.split(/[^\p{L}\p{N}]+/u)) {
    if (terms.has(raw) || refused.has(raw)) {
      continue;
    }
    if (!(raw.length >= 3 && raw.length <= 40 && /\p{L}/u.test(raw) && !hasCjk(raw))) {
      refused.add(raw);
    } else {
      terms.add(raw);
      if (terms.size >= max) {
        break;
      }
    }
  }
  return [...terms];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Where the words of a query occur in a text (UTF-16 offsets, sorted, non-overlapping). A Latin word
 * also matches as a prefix of a longer word (stems: "station" finds "stations"); a CJK word matches
 * anywhere, since its neighbours carry no spaces.
 */
export function findQueryHits(text: string, query: string, limit = 500): Span[] {
  const folded = foldText(text.normalize('NFC'));
  const words = [...new Set(foldText(query.normalize('NFKC')).split(/[^\p{L}\p{N}]+/u))].filter(
    (w) => w.length >= 2 || hasCjk(w),
  );
  const hits: Span[] = [];
  for (const word of words) {
    const stem = !hasCjk(word) && word.length > 5 ? word.slice(0, word.length - 2) : word;
    let from = 0;
    while (hits.length < limit * 4) {
      const at = folded.indexOf(stem, from);
      if (at < 0) {
        break;
      }
      from = at + stem.length;
      const cjk = hasCjk(word);
      const before = at > 0 ? (folded[at - 1] ?? '') : '';
      if (!cjk && /[\p{L}\p{N}]/u.test(before)) {
        continue;
      }
      let end = at + stem.length;
      if (!cjk) {
        while (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end] ?? '')) {
          end++;
        }
      }
      hits.push({ start: at, end });
    }
  }
  if (hits.length === 0 && hasCjk(text)) {
    hits.push(
      ...findPinyinHits(
        text,
        words.filter((w) => /^[a-z]+$/.test(w)),
      ),
    );
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) {
      last.end = Math.max(last.end, h.end);
    } else {
      merged.push({ ...h });
    }
  }
  return merged.slice(0, limit);
}

/** Han characters whose joined pinyin spells a Latin query word ("fuzhou" → 福州). */
function findPinyinHits(text: string, words: string[]): Span[] {
  if (words.length === 0) {
    return [];
  }
  const hits: Span[] = [];
  for (const m of text.matchAll(HAN_RUN)) {
    const run = m[0];
    if (run.length > 20_000) {
      continue;
    }
    const syllables = toPinyinSyllables(run);
    // Han characters are single UTF-16 units in the BMP; skip runs with astral characters.
    if (syllables.length !== run.length) {
      continue;
    }
    for (let i = 0; i < syllables.length; i++) {
      let acc = '';
      for (let j = i; j < Math.min(syllables.length, i + 6); j++) {
        acc += syllables[j] ?? '';
        const word = words.find((w) => w.startsWith(acc));
        if (!word) {
          break;
        }
        if (word === acc) {
          hits.push({ start: m.index + i, end: m.index + j + 1 });
          break;
        }
      }
    }
  }
  return hits;
}

export interface Segment {
  text: string;
  hit: boolean;
}

/** A short passage around the first hits, cut into plain and highlighted segments. */
export function buildSnippet(text: string, hits: Span[], width = 240): Segment[] {
  const first = hits[0];
  let start = first ? Math.max(0, first.start - Math.floor(width / 3)) : 0;
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space > start - 20 && space >= 0 ? space + 1 : start;
  }
  const end = Math.min(text.length, start + width);
  const segments: Segment[] = [];
  const push = (s: string, hit: boolean): void => {
    if (s) {
      segments.push({ text: s.replace(/\s+/g, ' '), hit });
    }
  };
  if (start > 0) {
    push('… ', false);
  }
  let at = start;
  for (const h of hits) {
    if (h.end <= start || h.start >= end) {
      continue;
    }
    push(text.slice(at, Math.max(at, h.start)), false);
    push(text.slice(Math.max(at, h.start), Math.min(end, h.end)), true);
    at = Math.min(end, h.end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) {
    push(' …', false);
  }
  return segments;
}
