import { useEffect, useRef, useState, type ReactNode } from 'react';

/** The query box. It edits a draft; the URL changes (and the search runs) on submit. */
export function SearchForm({ query, onSearch }: { query: string; onSearch: (q: string) => void }): ReactNode {
  const [draft, setDraft] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);

  // Back/forward changes the query under us: show what the results are for.
  useEffect(() => {
    setDraft(query);
  }, [query]);

  // "/" jumps to the search box, as on most search sites.
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === '/' && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="search-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label htmlFor="search-input" className="search-label">
        Search documents
      </label>
      <div className="search-row">
        <input
          ref={inputRef}
          id="search-input"
          data-testid="search-input"
          type="search"
          name="q"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Names, places, organisations, in any script — e.g. Calgary, 福州"
          aria-describedby="search-hint"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
        />
        <button type="submit" className="button button-primary">
          Search
        </button>
      </div>
      <p id="search-hint" className="hint">
        Searches titles and full text in every language. Press <kbd>/</kbd> to jump here.
      </p>
    </form>
  );
}
