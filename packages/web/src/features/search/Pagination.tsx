import type { ReactNode } from 'react';
import { Link } from '../../app/router.tsx';
import { MAX_PAGE } from './search-state.ts';

/** Page numbers around the current one, with the first and last always present. */
function pageWindow(current: number, last: number): (number | 'gap')[] {
  const pages = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const [i, p] of sorted.entries()) {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev > 1) {
      out.push('gap');
    }
    out.push(p);
  }
  return out;
}

export function Pagination({
  page,
  total,
  pageSize,
  urlFor,
}: {
  page: number;
  total: number;
  pageSize: number;
  urlFor: (page: number) => string;
}): ReactNode {
  const last = Math.min(Math.max(1, Math.ceil(total / pageSize)), MAX_PAGE);
  if (last <= 1) {
    return null;
  }
  return (
    <nav className="pagination" aria-label="Result pages">
      {page > 1 ? (
        <Link to={urlFor(page - 1)} rel="prev" className="page-link">
          ← Previous
        </Link>
      ) : (
        <span className="page-link disabled" aria-hidden="true">
          ← Previous
        </span>
      )}
      <ul>
        {pageWindow(page, last).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="page-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                to={urlFor(p)}
                className="page-link"
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < last ? (
        <Link to={urlFor(page + 1)} rel="next" className="page-link">
          Next →
        </Link>
      ) : (
        <span className="page-link disabled" aria-hidden="true">
          Next →
        </span>
      )}
    </nav>
  );
}
