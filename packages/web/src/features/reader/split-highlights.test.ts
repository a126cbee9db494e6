import { describe, expect, it } from 'vitest';
import { splitByHighlights } from './split-highlights.ts';

describe('splitByHighlights', () => {
  it('wraps each span and keeps the text between', () => {
    expect(
      splitByHighlights('police in Calgary and calgary', [
        { start: 10, end: 17 },
        { start: 22, end: 29 },
      ]),
    ).toEqual([
      { text: 'police in ', hit: false },
      { text: 'Calgary', hit: true },
      { text: ' and ', hit: false },
      { text: 'calgary', hit: true },
    ]);
  });

  it('merges overlapping spans, sorts them and clamps them to the text', () => {
    expect(
      splitByHighlights('福州警察在海外', [
        { start: 2, end: 4 },
        { start: 0, end: 3 },
        { start: 6, end: 99 },
      ]),
    ).toEqual([
      { text: '福州警察', hit: true },
      { text: '在海', hit: false },
      { text: '外', hit: true },
    ]);
  });

  it('cuts by UTF-16 offsets, so astral characters stay whole', () => {
    const text = 'a 𠀋 b';
    expect(splitByHighlights(text, [{ start: 2, end: 4 }])).toEqual([
      { text: 'a ', hit: false },
      { text: '𠀋', hit: true },
      { text: ' b', hit: false },
    ]);
  });

  it('returns the whole text when there are no spans, and drops empty ones', () => {
    expect(splitByHighlights('line one\nline two', [{ start: 3, end: 3 }])).toEqual([
      { text: 'line one\nline two', hit: false },
    ]);
    expect(splitByHighlights('', [])).toEqual([{ text: '', hit: false }]);
  });
});
