import { describe, expect, it } from 'vitest';
import { toCsvCell } from './export.service.ts';

describe('toCsvCell', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(toCsvCell('a,b')).toBe('"a,b"');
    expect(toCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(toCsvCell(['a.txt', 'b.txt'])).toBe('a.txt|b.txt');
    expect(toCsvCell(null)).toBe('');
  });
});
