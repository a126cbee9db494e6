import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getDocument, isTransient, originalFileUrl } from '../../api/client.ts';
import { Link, useLocation } from '../../app/router.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useApi } from '../../ui/use-api.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { DocumentMeta } from './DocumentMeta.tsx';
import { DocumentText } from './DocumentText.tsx';
import { splitByHighlights } from './split-highlights.ts';

/** Where "Back to results" leads: the search the reader was opened from, else a search for `q`. */
function backTarget(state: unknown, q: string): string {
  if (typeof state === 'object' && state !== null && 'returnTo' in state) {
    const { returnTo } = state;
    if (typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//')) {
      return returnTo;
    }
  }
  return q ? `/search?${new URLSearchParams({ q }).toString()}` : '/search';
}

export function ReaderPage({ id }: { id: string }): ReactNode {
  const location = useLocation();
  const q = new URLSearchParams(location.search).get('q') ?? '';
  const [attempt, setAttempt] = useState(0);
  const result = useApi(`${id}?${q}#${attempt}`, (signal) => getDocument(id, q, signal));
  const doc = result.status === 'ok' ? result.data : undefined;
  useDocumentTitle(doc?.title ?? 'Document');

  const segments = useMemo(() => (doc ? splitByHighlights(doc.text, doc.highlights) : []), [doc]);
  const hitCount = useMemo(() => segments.filter((s) => s.hit).length, [segments]);
  const [current, setCurrent] = useState(-1);
  const textRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setCurrent(-1);
    if (doc) {
      headingRef.current?.focus();
    }
  }, [doc]);

  useEffect(() => {
    if (current >= 0) {
      textRef.current?.querySelector(`mark[data-hit="${current}"]`)?.scrollIntoView({ block: 'center' });
    }
  }, [current]);

  function step(by: 1 | -1): void {
    if (hitCount > 0) {
      setCurrent((c) => (c < 0 ? (by === 1 ? 0 : hitCount - 1) : (c + by + hitCount) % hitCount));
    }
  }

  const back = (
    <nav className="crumbs" aria-label="Breadcrumb">
      <Link to={backTarget(location.state, q)}>← Back to results</Link>
    </nav>
  );

  if (result.status === 'error') {
    return (
      <main id="main" className="reader-page" tabIndex={-1}>
        {back}
        <h1>Document</h1>
        <ErrorNotice
          title="The document cannot be shown"
          error={result.error}
          onRetry={isTransient(result.error) ? () => setAttempt((n) => n + 1) : undefined}
        />
      </main>
    );
  }
  if (!doc) {
    return (
      <main id="main" className="reader-page" tabIndex={-1} aria-busy="true">
        {back}
        <p className="muted">Loading the document…</p>
      </main>
    );
  }

  return (
    <main id="main" className="reader-page" tabIndex={-1}>
      {back}
      <article className="reader" aria-labelledby="doc-title">
        <header className="reader-head">
          <h1 id="doc-title" ref={headingRef} tabIndex={-1} lang={doc.language}>
            {doc.title || '(untitled)'}
          </h1>
          <DocumentMeta doc={doc} />
        </header>
        <div className="reader-toolbar" role="toolbar" aria-label="Document tools">
          <div className="hit-nav">
            {q ? (
              <>
                <span aria-live="polite" className="hit-status">
                  {hitCount === 0
                    ? `No matches for “${q}” in the text`
                    : current < 0
                      ? `${hitCount} ${hitCount === 1 ? 'match' : 'matches'} for “${q}”`
                      : `Match ${current + 1} of ${hitCount}`}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => step(-1)}
                  disabled={hitCount === 0}
                  aria-label="Previous highlight"
                >
                  ↑ Previous
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => step(1)}
                  disabled={hitCount === 0}
                  aria-label="Next highlight"
                >
                  ↓ Next
                </button>
              </>
            ) : (
              <span className="muted">Open from a search to highlight its words.</span>
            )}
          </div>
          <a className="button button-small" href={originalFileUrl(doc.id)} download>
            Download original
          </a>
        </div>
        <h2 className="visually-hidden">Text</h2>
        <div ref={textRef}>
          {doc.text ? (
            <DocumentText segments={segments} current={current} language={doc.language} />
          ) : (
            <p className="muted" data-testid="reader-text">
              This document has no extracted text. Download the original to read it.
            </p>
          )}
        </div>
      </article>
    </main>
  );
}
