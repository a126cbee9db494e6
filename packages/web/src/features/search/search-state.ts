// The search page keeps all of its state in the URL: /search?q=…&lang=en,zh&from=…&to=…&page=2
import type { SearchFilter } from '../../api/client.ts';

export const PAGE_SIZE = 20;
/** The API refuses offsets above 10 000. */
export const MAX_PAGE = Math.floor(10_000 / PAGE_SIZE) + 1;

export interface SearchState extends SearchFilter {
  /** 1-based. */
  page: number;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

export function parseSearchState(search: string): SearchState {
  const p = new URLSearchParams(search);
  const languages = [
    ...new Set(
      p
        .getAll('lang')
        .flatMap((v) => v.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const date = (name: string): string | undefined => {
    const v = p.get(name)?.trim();
    return v && isIsoDate(v) ? v : undefined;
  };
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  return {
    q: p.get('q') ?? '',
    languages,
    from: date('from'),
    to: date('to'),
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), MAX_PAGE) : 1,
  };
}

export function toSearchUrl(state: SearchState): string {
  const p = new URLSearchParams();
  if (state.q) {
    p.set('q', state.q);
  }
  if (state.languages.length > 0) {
    p.set('lang', state.languages.join(','));
  }
  if (state.from) {
    p.set('from', state.from);
  }
  if (state.to) {
    p.set('to', state.to);
  }
  if (state.page > 1) {
    p.set('page', String(state.page));
  }
  const qs = p.toString();
  return qs ? `/search?${qs}` : '/search';
}

export function hasFilters(state: SearchFilter): boolean {
  return state.languages.length > 0 || Boolean(state.from) || Boolean(state.to);
}

/** The query as the server ran it, after replacing words that matched nothing. */
export function applyCorrections(
  query: string,
  corrections: readonly { from: string; to: string }[],
): string {
  let text = query;
  for (const { from, to } of corrections) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'giu'), `$1${to}`);
  }
  return text;
}
