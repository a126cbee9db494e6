/**
 * Near-duplicate fingerprints. A text becomes a set of hashed shingles that works for any script:
 * runs of spaced scripts give word 5-grams, runs of scripts written without spaces (Han, kana,
 * Thai, Lao, Khmer, Myanmar, Tibetan) give character 4-grams. Folding (NFKC, lower case, no
 * diacritics) is the one the search index uses, so whitespace, case and accents do not matter.
 * A MinHash signature of 128 values estimates the Jaccard similarity of two shingle sets; 32 bands
 * of 4 values find candidate pairs (locality-sensitive hashing) without comparing all pairs.
 */

import { foldText } from '../../domain/search-text.ts';

export const SIGNATURE_SIZE = 128;
export const BANDS = 32;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
/** Words per shingle in spaced scripts, characters per shingle in the others. */
export const WORD_SHINGLE = 5;
export const CHAR_SHINGLE = 4;

const WORD = /[\p{L}\p{N}]+/gu;
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\u30fc]/u;
const UNSPACED_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\u30fc]+/gu;

/** The 32-bit finaliser of MurmurHash3: a cheap, well-mixing bijection on 32-bit integers. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 units, mixed: one 32-bit hash per token. */
function hashToken(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** Combines a window of token hashes into one shingle hash (order matters). */
function combine(hashes: readonly number[], from: number, count: number, salt: number): number {
  let h = salt;
  for (let i = from; i < from + count; i++) {
    h = Math.imul((h ^ (hashes[i] ?? 0)) >>> 0, 0x5bd1e995);
    h = (h << 13) | (h >>> 19);
  }
  return mix32(h ^ count);
}

/** Word tokens of spaced scripts and character tokens of unspaced ones, each hashed. */
function tokenHashes(folded: string): { words: number[]; chars: number[] } {
  const words: number[] = [];
  const chars: number[] = [];
  const anyUnspaced = UNSPACED.test(folded);
  for (const m of folded.matchAll(WORD)) {
    const token = m[0];
    if (!anyUnspaced || !UNSPACED.test(token)) {
      words.push(hashToken(token));
      continue;
    }
    let last = 0;
    for (const run of token.matchAll(UNSPACED_RUN)) {
      if (run.index > last) {
        words.push(hashToken(token, last, run.index));
      }
      for (const ch of run[0]) {
        chars.push(hashToken(ch));
      }
      last = run.index + run[0].length;
    }
    if (last < token.length) {
      words.push(hashToken(token, last));
    }
  }
  return { words, chars };
}

function windows(hashes: number[], size: number, salt: number, out: number[]): void {
  if (hashes.length === 0) {
    return;
  }
  if (hashes.length <= size) {
    out.push(combine(hashes, 0, hashes.length, salt));
    return;
  }
  for (let i = 0; i + size <= hashes.length; i++) {
    out.push(combine(hashes, i, size, salt));
  }
}

/** The distinct shingle hashes of a text, sorted; empty when it has no letters or digits. */
export function shingleHashes(text: string): Uint32Array {
  const { words, chars } = tokenHashes(foldText(text.normalize('NFKC')));
  const out: number[] = [];
  windows(words, WORD_SHINGLE, 0x9e3779b9, out);
  windows(chars, CHAR_SHINGLE, 0x7f4a7c15, out);
  const sorted = Uint32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) {
      sorted[n++] = sorted[i] ?? 0;
    }
  }
  return sorted.slice(0, n);
}

/** Fixed seeds (splitmix-style), so that signatures computed anywhere, any day, compare. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x2545f491;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    seeds[i] = mix32(x);
  }
  return seeds;
})();

/** The MinHash signature of a shingle set: per seed, the least mixed hash. Undefined for an empty set. */
export function minhashSignature(shingles: Uint32Array): Uint32Array | undefined {
  if (shingles.length === 0) {
    return undefined;
  }
  const sig = new Uint32Array(SIGNATURE_SIZE);
  const n = shingles.length;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = SEEDS[i]!;
    let min = 0xffffffff;
    for (let s = 0; s < n; s++) {
      // Shingle hashes are mixed already: one multiply and one shift per seed suffice (and this
      // loop is where the time goes).
      let h = Math.imul(shingles[s]! ^ seed, 0x9e3779b1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < min) {
        min = h;
      }
    }
    sig[i] = min;
  }
  return sig;
}

/** Shingles and signature in one call; `shingles` is the size of the set. */
export function fingerprint(text: string): { signature: Uint32Array; shingles: number } | undefined {
  const set = shingleHashes(text);
  const signature = minhashSignature(set);
  return signature ? { signature, shingles: set.length } : undefined;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) {
    return 0;
  }
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      same++;
    }
  }
  return same / a.length;
}

/**
 * One signed 32-bit hash per band (fits an SQL integer). Two signatures share a band hash when the
 * band's values are all equal (or, rarely, by collision: candidates are checked with estimateJaccard).
 * With 32 bands of 4, a pair at Jaccard 0.8 shares a band with probability ≈ 1, at 0.5 ≈ 0.87, at 0.2 ≈ 0.05.
 */
export function lshBands(signature: Uint32Array): Int32Array {
  const bands = new Int32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = mix32(b + 1);
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      h = mix32((h ^ (signature[b * ROWS_PER_BAND + r] ?? 0)) + r);
    }
    bands[b] = h | 0;
  }
  return bands;
}

/** A signature as bytes for storage (little-endian 32-bit values), and back. */
export function signatureToBytes(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((v, i) => view.setUint32(i * 4, v, true));
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < sig.length; i++) {
    sig[i] = view.getUint32(i * 4, true);
  }
  return sig;
}
