// The ingest CPU stage was made cheaper (issue #4) without changing what it produces. These tests
// keep the straightforward versions it replaced, as references, and compare both on varied text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { afterAll, describe, expect, it } from 'vitest';
import {
  foldText,
  listSearchTerms,
  toIndexText,
  toPinyinTokens,
  toSearchText,
} from '../domain/search-text.ts';
import { detectLanguage } from './language.ts';
import { detectUtf16, decodeBytes } from './parse/encoding.ts';
import { looksLikeEmail } from './parse/eml.parse.ts';
import { sniffBytes, type Sniffed } from './parse/sniff.ts';
import { createBlobStore } from '../store/blob.store.ts';
import { prepareDocument, sha256Hex } from './prepare.ts';
import { seededRandom } from '../../test/random.ts';

// ---- references: the previous implementations, written plainly ----

const refFoldChar = (ch: string): string => {
  const stripped = ch
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const lower = ch.toLowerCase();
  return stripped.length === 1 ? stripped : lower.length === 1 ? lower : ch;
};
const refFold = (text: string): string =>
  text.replace(/[A-Z\u0080-\uffff]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? ch : refFoldChar(ch);
  });

const refGramPinyin = (gram: string): string =>
  pinyin(gram, { toneType: 'none', type: 'array' })
    .map((s) => refFold(s).replace(/[^a-z]/g, ''))
    .join('');

function refPinyinTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) {
    return [refGramPinyin(run)].filter(Boolean);
  }
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    tokens.add(refGramPinyin(chars.slice(i, i + 2).join('')));
    if (i + 2 < chars.length) {
      tokens.add(refGramPinyin(chars.slice(i, i + 3).join('')));
    }
  }
  tokens.delete('');
  return [...tokens];
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;
const CJK_ONE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const refBigrams = (run: string): string[] => {
  const chars = Array.from(run);
  return chars.length < 2 ? chars : chars.slice(1).map((c, i) => `${chars[i] ?? ''}${c}`);
};

function refIndexText(text: string): { words: string; romanised: string[] } {
  const folded = refFold(text.normalize('NFKC'));
  const words = folded
    .replace(CJK_RUN, (run) => ` ${refBigrams(run).join(' ')} `)
    .replace(/\s+/g, ' ')
    .trim();
  const romanised = new Set<string>();
  for (const han of folded.match(/\p{Script=Han}+/gu) ?? []) {
    refPinyinTokens(han).forEach((t) => romanised.add(t));
  }
  return { words, romanised: [...romanised] };
}

function refTerms(text: string, max = 5000): string[] {
  const terms = new Set<string>();
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length >= 3 && raw.length <= 40 && /\p{L}/u.test(raw) && !CJK_ONE.test(raw)) {
      terms.add(raw);
      if (terms.size >= max) {
        break;
      }
    }
  }
  return [...terms];
}

/** sniffBytes for bytes without a known magic number: the UTF-16 pattern first, then 8-bit checks. */
function refSniff(bytes: Uint8Array): Sniffed {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    detectUtf16(bytes);
  if (!utf16) {
    const sample = bytes.subarray(0, 8192);
    const nul = sample.indexOf(0);
    if (nul >= 0) {
      return { kind: 'binary', reason: `the content is binary (a NUL byte at offset ${nul})` };
    }
    const control = sample.filter((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)).length;
    if (control > sample.length * 0.1) {
      return {
        kind: 'binary',
        reason: `the content is binary (${control} control bytes in the first ${sample.length})`,
      };
    }
  }
  return { kind: 'text' };
}

// ---- inputs: words in many scripts, compatibility forms, marks, astral characters ----

const random = seededRandom;

const PIECES = [
  'Police',
  'ÉMIGRÉS',
  'Grüße',
  'Malmö',
  'İstanbul',
  'ǅemal',
  'ﬁnancial',
  'Ｆｕｌｌｗｉｄｔｈ',
  'полиция',
  'Йошкар-Ола',
  'الشرطة',
  'مُحَمَّد',
  '福州市公安局',
  '重庆',
  '服务站',
  '警察署',
  'ホットライン',
  'ﾊﾝｶｸ',
  'がぎぐ',
  '한국어',
  '𠀀𠀁中',
  '𝔘𝔫𝔦',
  '🙂',
  '〇々',
  '42',
  'x',
  '。',
  ', ',
  ' ',
  '\n\n',
  'https://example.org/a?b=1',
];

function sampleTexts(count: number, seed: number): string[] {
  const rnd = random(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    const words = 5 + Math.floor(rnd() * 120);
    for (let i = 0; i < words; i++) {
      text += PIECES[Math.floor(rnd() * PIECES.length)] ?? '';
      text += rnd() < 0.6 ? ' ' : '';
    }
    return text;
  });
}

const texts = sampleTexts(300, 11);
const blobRoot = mkdtempSync(join(tmpdir(), 'longarm-prepare-eq-'));
afterAll(() => rmSync(blobRoot, { recursive: true, force: true }));

describe('the faster prepare stage gives the same results', () => {
  it('folds every UTF-16 code unit as the per-character fold did', () => {
    const differing: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      const expected = code >= 0xd800 && code <= 0xdfff ? ch : refFoldChar(ch);
      if (foldText(`a${ch}B`) !== `a${expected}b`) {
        differing.push(code.toString(16));
      }
    }
    expect(differing).toEqual([]);
  });

  it('builds the same index text, pinyin tokens and vocabulary', () => {
    for (const text of texts) {
      expect(foldText(text)).toBe(refFold(text));
      expect(toIndexText(text)).toEqual(refIndexText(text));
      expect(listSearchTerms(foldText(text))).toEqual(refTerms(refFold(text)));
      for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
        expect(toPinyinTokens(run)).toEqual(refPinyinTokens(run));
      }
    }
    // The vocabulary cap still stops at the same word.
    const many = Array.from({ length: 50 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(
      ' ',
    );
    expect(listSearchTerms(`${many} ${many}`, 7)).toEqual(refTerms(`${many} ${many}`, 7));
  });

  it('prepares documents exactly as the stage-by-stage composition does', async () => {
    const encoder = new TextEncoder();
    for (const [i, body] of texts.slice(0, 60).entries()) {
      const text = `Title ${i} ${Array.from(body).slice(0, 30).join('')}\n\n${body}\n`;
      const p = await prepareDocument({
        bytes: encoder.encode(text),
        hints: { fileName: `n${i}.txt` },
        blobRoot,
      });
      const title = p.parsed.title;
      expect(p.parsed.text).toBe(text);
      expect(p.searchTitle).toBe(toSearchText(title));
      const index = refIndexText(text);
      expect(p.searchText).toBe(index.words);
      expect(p.searchRomanised).toEqual(index.romanised);
      expect(p.terms).toEqual(refTerms(refFold(`${title} ${text}`)));
      expect(p.language).toBe(await detectLanguage(`${title}\n${text.slice(0, 20_000)}`));
    }
  });

  it('uses a hash handed in by the caller instead of hashing again, with the same result', async () => {
    const bytes = new TextEncoder().encode('Politiepost in Rotterdam onderzocht door de regering.');
    const known = await prepareDocument({ bytes, hints: {}, blobRoot, sha256: sha256Hex(bytes) });
    const hashed = await prepareDocument({ bytes, hints: {}, blobRoot });
    expect(known).toEqual(hashed);
    expect(createBlobStore(blobRoot).get(known.sha256)).toEqual(Buffer.from(bytes));
  });

  it('sniffs, decodes and recognises mail as before', () => {
    const rnd = random(5);
    const samples: Uint8Array[] = [
      new TextEncoder().encode('From: a@example.org\nSubject: x\n\nbody'),
      new TextEncoder().encode('Subject only: no\n\nbody'),
      new Uint8Array(Buffer.from('福州市公安局设立服务站，报道称。', 'utf16le')),
      new Uint8Array(Buffer.from('\ufeffPolice station', 'utf16le')),
      ...texts.slice(0, 40).map((t) => new TextEncoder().encode(t)),
      ...Array.from({ length: 40 }, (_, i) =>
        Uint8Array.from({ length: 20 + i * 10 }, () => Math.floor(rnd() * (i % 2 ? 256 : 40))),
      ),
    ];
    for (const bytes of samples) {
      expect(sniffBytes(bytes)).toEqual(refSniff(bytes));
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16 * 1024)).split(/\r?\n/)[0] ?? '';
      if (!/^[!-9;-~]+:/.test(head)) {
        expect(looksLikeEmail(bytes)).toBe(false);
      }
      let decoded: string | undefined;
      try {
        decoded = decodeBytes(bytes).text;
      } catch {
        decoded = undefined;
      }
      if (decoded !== undefined && refSniff(bytes).kind === 'text' && !bytes.includes(0)) {
        const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        if (!utf8.includes('\ufffd')) {
          expect(decoded).toBe(utf8);
        }
      }
    }
    expect(looksLikeEmail(samples[0] as Uint8Array)).toBe(true);
  });
});
