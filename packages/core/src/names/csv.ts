/** Scores every row of a pairs CSV (header with name1,name2 and optionally schema); pure string in, string out. */
import Papa from 'papaparse';
import { AppError } from '../domain/errors.ts';
import { compareNames } from './compare.ts';

export interface ScoredCsv {
  csv: string;
  rows: number;
  matches: number;
}

/** Keeps every input column and row order and appends `score` and `match`. */
export function scoreNamePairsCsv(text: string, source = 'input'): ScoredCsv {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  const fields = parsed.meta.fields ?? [];
  const missing = ['name1', 'name2'].filter((f) => !fields.includes(f));
  if (missing.length > 0) {
    throw new AppError(
      'invalid_input',
      `${source}: the CSV header lacks ${missing.join(' and ')}; give a header row with at least name1,name2 (and optionally schema)`,
    );
  }
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) {
    throw new AppError(
      'invalid_input',
      `${source}: row ${(bad.row ?? 0) + 2}: ${bad.message}; check the quoting of that row`,
    );
  }
  let matches = 0;
  const rows = parsed.data.map((row) => {
    const r = compareNames(row.name1 ?? '', row.name2 ?? '', row.schema || undefined);
    if (r.match) {
      matches++;
    }
    const scored: Record<string, string> = { ...row, score: r.score.toFixed(3), match: String(r.match) };
    return scored;
  });
  const columns = [...fields.filter((f) => f !== 'score' && f !== 'match'), 'score', 'match'];
  const csv = `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\n' })}\n`;
  return { csv, rows: rows.length, matches };
}
