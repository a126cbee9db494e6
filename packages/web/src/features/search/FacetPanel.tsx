import type { FacetValue, SearchResponse } from '@longarm/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { formatCount, formatLanguage } from '../../ui/format.ts';
import { isIsoDate, type SearchState } from './search-state.ts';

const YEARS_SHOWN = 8;

interface FacetPanelProps {
  state: SearchState;
  facets: SearchResponse['facets'] | undefined;
  onChange: (next: Partial<SearchState>) => void;
  onClear: () => void;
  hasFilters: boolean;
}

/** Selected values stay listed (with their count, or 0) even when the current results lack them. */
function withSelected(values: readonly FacetValue[], selected: readonly string[]): FacetValue[] {
  const missing = selected
    .filter((s) => !values.some((v) => v.value === s))
    .map((value) => ({ value, count: 0 }));
  return [...values, ...missing];
}

export function FacetPanel({ state, facets, onChange, onClear, hasFilters }: FacetPanelProps): ReactNode {
  const languages = withSelected(facets?.language ?? [], state.languages);
  const years = facets?.year ?? [];
  const [allYears, setAllYears] = useState(false);
  const yearFilter =
    state.from && state.from === state.to && /^\d{4}$/.test(state.from) ? state.from : undefined;
  const shownYears = years.slice(0, allYears ? years.length : YEARS_SHOWN);
  if (yearFilter && !shownYears.some((y) => y.value === yearFilter)) {
    shownYears.push(years.find((y) => y.value === yearFilter) ?? { value: yearFilter, count: 0 });
  }

  function toggleLanguage(code: string, on: boolean): void {
    const next = on ? [...state.languages, code] : state.languages.filter((l) => l !== code);
    onChange({ languages: next });
  }

  return (
    <aside className="facets" aria-labelledby="filters-heading">
      <div className="facets-head">
        <h2 id="filters-heading">Filters</h2>
        {hasFilters && (
          <button type="button" className="link-button" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>

      <fieldset className="facet">
        <legend>Language</legend>
        {languages.length === 0 ? (
          <p className="facet-empty">None</p>
        ) : (
          <ul className="facet-list">
            {languages.map(({ value, count }) => {
              const id = `facet-lang-${value}`;
              return (
                <li key={value}>
                  <input
                    type="checkbox"
                    id={id}
                    data-testid={id}
                    checked={state.languages.includes(value)}
                    onChange={(e) => toggleLanguage(value, e.target.checked)}
                  />
                  <label htmlFor={id}>
                    <span className="facet-name">{formatLanguage(value)}</span>
                    <span className="facet-code">{value}</span>
                    <span className="facet-count">{formatCount(count)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>

      <fieldset className="facet">
        <legend>Year published</legend>
        {shownYears.length === 0 ? (
          <p className="facet-empty">No dated documents</p>
        ) : (
          <ul className="facet-list">
            {shownYears.map(({ value, count }) => {
              const active = yearFilter === value;
              return (
                <li key={value}>
                  <button
                    type="button"
                    className="facet-button"
                    aria-pressed={active}
                    data-testid={`facet-year-${value}`}
                    onClick={() =>
                      onChange(active ? { from: undefined, to: undefined } : { from: value, to: value })
                    }
                  >
                    <span className="facet-name">{value}</span>
                    <span className="facet-count">{formatCount(count)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {years.length > YEARS_SHOWN && (
          <button
            type="button"
            className="link-button"
            aria-expanded={allYears}
            onClick={() => setAllYears((v) => !v)}
          >
            {allYears ? 'Fewer years' : `All ${years.length} years`}
          </button>
        )}
        <DateRange from={state.from} to={state.to} onApply={(from, to) => onChange({ from, to })} />
      </fieldset>
    </aside>
  );
}

function DateRange({
  from,
  to,
  onApply,
}: {
  from: string | undefined;
  to: string | undefined;
  onApply: (from: string | undefined, to: string | undefined) => void;
}): ReactNode {
  const [draftFrom, setDraftFrom] = useState(from ?? '');
  const [draftTo, setDraftTo] = useState(to ?? '');
  useEffect(() => {
    setDraftFrom(from ?? '');
    setDraftTo(to ?? '');
  }, [from, to]);
  const valid = (v: string): boolean => v === '' || isIsoDate(v);
  const ok = valid(draftFrom.trim()) && valid(draftTo.trim());

  return (
    <form
      className="date-range"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) {
          onApply(draftFrom.trim() || undefined, draftTo.trim() || undefined);
        }
      }}
    >
      <div className="date-range-fields">
        <label>
          <span>From</span>
          <input
            type="text"
            inputMode="numeric"
            placeholder="YYYY-MM-DD"
            value={draftFrom}
            aria-invalid={!valid(draftFrom.trim())}
            onChange={(e) => setDraftFrom(e.target.value)}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="text"
            inputMode="numeric"
            placeholder="YYYY-MM-DD"
            value={draftTo}
            aria-invalid={!valid(draftTo.trim())}
            onChange={(e) => setDraftTo(e.target.value)}
          />
        </label>
      </div>
      <p className="hint">YYYY, YYYY-MM or YYYY-MM-DD</p>
      <button type="submit" className="button button-small" disabled={!ok}>
        Apply dates
      </button>
    </form>
  );
}
