import { describe, expect, it } from 'vitest';
import {
  estimateJaccard,
  fingerprint,
  lshBands,
  shingleHashes,
  signatureFromBytes,
  signatureToBytes,
  SIGNATURE_SIZE,
} from './minhash.ts';

/** A deterministic pseudo-article of `words` words drawn from a small vocabulary. */
function article(seed: number, words: number): string {
  const vocab =
    'the police station report city embassy consulate network family pressure return officials office abroad people said according investigation interview hotline record'.split(
      ' ',
    );
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(`${vocab[x % vocab.length] ?? ''}${(x >>> 8) % 50}`);
  }
  return out.join(' ');
}

/** The exact Jaccard similarity of two shingle sets. */
function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const inter = [...new Set(b)].filter((x) => sa.has(x)).length;
  return inter / (sa.size + new Set(b).size - inter);
}

describe('shingles and MinHash', () => {
  it('ignores case, accents and whitespace, and keeps word order', () => {
    const a = shingleHashes('Polisen i Göteborg  sade  att stationen\nstängdes i mars');
    const b = shingleHashes('POLISEN i goteborg sade att stationen stängdes i MARS');
    expect([...a]).toEqual([...b]);
    expect([...shingleHashes('mars i stängdes stationen att sade goteborg i polisen')]).not.toEqual([...a]);
  });

  it('cuts text without spaces into character shingles', () => {
    const zh = shingleHashes('福州市公安局在海外设立了服务站');
    // 15 Han characters → 12 overlapping 4-character shingles.
    expect(zh.length).toBe(12);
    expect(shingleHashes('ตำรวจเปิดสถานีในต่างประเทศ').length).toBeGreaterThan(10);
    expect(shingleHashes(' … ').length).toBe(0);
    expect(fingerprint('!!!')).toBeUndefined();
  });

  it('estimates Jaccard within a few points of the exact value', () => {
    const base = article(7, 800);
    const words = base.split(' ');
    for (const changed of [10, 60, 200]) {
      const edited = words.map((w, i) => (i % Math.floor(800 / changed) === 0 ? `${w}x` : w)).join(' ');
      const [a, b] = [shingleHashes(base), shingleHashes(edited)];
      const est = estimateJaccard(fingerprint(base)!.signature, fingerprint(edited)!.signature);
      expect(Math.abs(est - exactJaccard(a, b))).toBeLessThan(0.12);
    }
  });

  it('puts near duplicates in a shared band and rarely unrelated texts', () => {
    const a = fingerprint(article(1, 600))!.signature;
    const b = fingerprint(`${article(1, 600)} one more sentence at the end`)!.signature;
    const c = fingerprint(article(2, 600))!.signature;
    const shared = (x: Uint32Array, y: Uint32Array) => {
      const [bx, by] = [lshBands(x), lshBands(y)];
      return bx.filter((h, i) => by[i] === h).length;
    };
    expect(shared(a, b)).toBeGreaterThan(0);
    expect(shared(a, c)).toBe(0);
    expect(estimateJaccard(a, c)).toBeLessThan(0.1);
  });

  it('round-trips a signature through bytes', () => {
    const sig = fingerprint(article(3, 100))!.signature;
    expect(sig.length).toBe(SIGNATURE_SIZE);
    expect([...signatureFromBytes(signatureToBytes(sig))]).toEqual([...sig]);
  });
});
