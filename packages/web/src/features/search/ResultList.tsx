import type { SearchHit } from '@longarm/contracts';
import type { ReactNode } from 'react';
import { Link } from '../../app/router.tsx';
import { formatSourceKind, hostOf } from '../../ui/format.ts';
import { HighlightedText } from '../../ui/HighlightedText.tsx';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';

interface ResultListProps {
  hits: readonly SearchHit[];
  query: string;
  /** The search page's own URL, so the reader can lead back to exactly these results. */
  returnTo: string;
  firstRank: number;
}

export function ResultList({ hits, query, returnTo, firstRank }: ResultListProps): ReactNode {
  return (
    <ol className="results" start={firstRank}>
      {hits.map((hit) => (
        <ResultItem key={hit.id} hit={hit} query={query} returnTo={returnTo} />
      ))}
    </ol>
  );
}

function readerUrl(id: string, query: string): string {
  const qs = query ? `?${new URLSearchParams({ q: query }).toString()}` : '';
  return `/documents/${encodeURIComponent(id)}${qs}`;
}

function ResultItem({
  hit,
  query,
  returnTo,
}: {
  hit: SearchHit;
  query: string;
  returnTo: string;
}): ReactNode {
  return (
    <li className="result" data-testid="search-result">
      <h3 className="result-title" lang={hit.language}>
        <Link to={readerUrl(hit.id, query)} state={{ returnTo }}>
          {hit.title || '(untitled)'}
        </Link>
      </h3>
      <p className="result-meta">
        <LanguageBadge code={hit.language} />
        {hit.publishedAt ? (
          <time dateTime={hit.publishedAt}>{hit.publishedAt}</time>
        ) : (
          <span className="muted">undated</span>
        )}
        {hit.outlet && <span className="result-outlet">{hit.outlet}</span>}
        {hit.url && !hit.outlet && <span className="result-outlet">{hostOf(hit.url)}</span>}
        <span className="muted">{formatSourceKind(hit.sourceKind)}</span>
      </p>
      {hit.snippet.length > 0 && (
        <p className="result-snippet" lang={hit.language}>
          <HighlightedText segments={hit.snippet} />
        </p>
      )}
    </li>
  );
}
