import type { SearchResponse } from '@longarm/contracts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { exportDocumentsCsvUrl, isTransient, searchDocuments } from '../../api/client.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { formatCount } from '../../ui/format.ts';
import { useApi } from '../../ui/use-api.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { FacetPanel } from './FacetPanel.tsx';
import { Pagination } from './Pagination.tsx';
import { ResultList } from './ResultList.tsx';
import { SearchForm } from './SearchForm.tsx';
import {
  PAGE_SIZE,
  applyCorrections,
  hasFilters,
  parseSearchState,
  toSearchUrl,
  type SearchState,
} from './search-state.ts';

export function SearchPage(): ReactNode {
  const location = useLocation();
  const state = parseSearchState(location.search);
  const here = toSearchUrl(state);
  const filtered = hasFilters(state);
  const [attempt, setAttempt] = useState(0);
  const offset = (state.page - 1) * PAGE_SIZE;
  const result = useApi(`${here}#${attempt}`, (signal) =>
    searchDocuments(state, { limit: PAGE_SIZE, offset }, signal),
  );
  useDocumentTitle(state.q ? `${state.q} – search` : 'Search');

  function go(next: Partial<SearchState>, opts: { keepScroll?: boolean } = {}): void {
    navigate(toSearchUrl({ ...state, page: 1, ...next }), { keepScroll: opts.keepScroll });
  }

  // After paging, put keyboard and screen-reader users at the top of the new results.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lastPage = useRef(state.page);
  useEffect(() => {
    if (lastPage.current !== state.page && result.status === 'ok') {
      headingRef.current?.focus();
    }
    if (result.status === 'ok') {
      lastPage.current = state.page;
    }
  }, [state.page, result.status]);

  const data = result.data;
  const loading = result.status === 'loading';

  return (
    <main id="main" className="search-page" tabIndex={-1}>
      <h1 className="visually-hidden">Search</h1>
      <SearchForm query={state.q} onSearch={(q) => go({ q })} />
      <div className="search-layout">
        <FacetPanel
          state={state}
          facets={data?.facets}
          hasFilters={filtered}
          onChange={(next) => go(next, { keepScroll: true })}
          onClear={() => go({ languages: [], from: undefined, to: undefined }, { keepScroll: true })}
        />
        <section
          className="results-pane"
          aria-labelledby="results-heading"
          aria-busy={loading}
          data-testid="results"
        >
          <div className="results-head">
            <h2 id="results-heading" ref={headingRef} tabIndex={-1} data-total={data?.total}>
              {resultsHeading(result.status, data, state.page, offset)}
            </h2>
            {data && data.total > 0 && (
              <a
                className="button button-small"
                href={exportDocumentsCsvUrl(state)}
                download
                title={`Download the ${formatCount(data.total)} matching records as CSV`}
              >
                Export CSV
              </a>
            )}
          </div>
          {data && data.corrections.length > 0 && (
            <p className="notice notice-info" data-testid="corrections">
              Showing results for <strong>{applyCorrections(data.query, data.corrections)}</strong> (no match
              for{' '}
              {data.corrections.map((c, i) => (
                <span key={c.from}>
                  {i > 0 && ', '}
                  <em>{c.from}</em>
                </span>
              ))}
              ).
            </p>
          )}
          {result.status === 'error' ? (
            <ErrorNotice
              title="The search failed"
              error={result.error}
              onRetry={isTransient(result.error) ? () => setAttempt((n) => n + 1) : undefined}
            />
          ) : data && data.total === 0 ? (
            <EmptyState
              query={state.q}
              filtered={filtered}
              onClear={() => go({ languages: [], from: undefined, to: undefined })}
            />
          ) : data ? (
            <div className={loading ? 'stale' : undefined}>
              <ResultList hits={data.hits} query={data.query} returnTo={here} firstRank={offset + 1} />
              {data.hits.length === 0 && <p className="muted">This page is past the last result.</p>}
              <Pagination
                page={state.page}
                total={data.total}
                pageSize={PAGE_SIZE}
                urlFor={(page) => toSearchUrl({ ...state, page })}
              />
            </div>
          ) : (
            <p className="muted">Searching…</p>
          )}
        </section>
      </div>
    </main>
  );
}

function resultsHeading(
  status: 'loading' | 'ok' | 'error',
  data: SearchResponse | undefined,
  page: number,
  offset: number,
): string {
  if (status === 'error') {
    return 'Results';
  }
  if (!data) {
    return 'Searching…';
  }
  const total = formatCount(data.total);
  const noun = data.total === 1 ? 'document' : 'documents';
  if (page === 1 && data.total <= PAGE_SIZE) {
    return `${total} ${noun}`;
  }
  const first = Math.min(offset + 1, data.total);
  const last = Math.min(offset + data.hits.length, data.total);
  return `${formatCount(first)}–${formatCount(last)} of ${total} ${noun}`;
}

function EmptyState({
  query,
  filtered,
  onClear,
}: {
  query: string;
  filtered: boolean;
  onClear: () => void;
}): ReactNode {
  if (!query && !filtered) {
    return (
      <div className="empty">
        <p className="empty-title">No documents yet.</p>
        <p>
          Add files with <code>longarm ingest &lt;folder&gt;</code>, then search them here.
        </p>
      </div>
    );
  }
  return (
    <div className="empty">
      <p className="empty-title">
        No documents match {query ? <strong>“{query}”</strong> : 'these filters'}
        {query && filtered ? ' with these filters' : ''}.
      </p>
      <ul>
        {query && <li>Check the spelling, or try fewer or more general words.</li>}
        <li>Names can be written many ways: try another romanisation or the original script.</li>
        {filtered && (
          <li>
            <button type="button" className="link-button" onClick={onClear}>
              Clear the filters
            </button>{' '}
            to search all languages and dates.
          </li>
        )}
      </ul>
    </div>
  );
}
