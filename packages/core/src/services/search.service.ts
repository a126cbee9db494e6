import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import type { SearchParams, SearchResponse } from '@longarm/contracts';
import { anyAscii } from '../domain/romanise.ts';
import { buildSnippet, findQueryHits, foldText, hasCjk, toQueryText } from '../domain/search-text.ts';
import { maskFields } from '../domain/field-sensitivity.ts';
import type { Db } from '../store/db.ts';
import { getFieldLevels } from '../store/field-sensitivity.store.ts';
import { countFacets, findSimilarTerms, listKnownTerms, searchDocuments } from '../store/search.store.ts';

export interface SearchService {
  /** Only records the viewer may read count anywhere: hits, totals, facets, corrections. */
  search(params: SearchParams, viewer?: Viewer): Promise<SearchResponse>;
}

const OPERATORS = new Set(['or', 'and', 'not']);
/** Indexed words tried, closest first, for one unknown query word. */
const MAX_CANDIDATES = 5;

/**
 * Full-text search with facets and snippets. Words that match nothing in the corpus vocabulary
 * are replaced by their closest indexed word (trigrams on romanised forms), so "Nenshy" finds
 * "Nenshi" and a romanised spelling can reach another script's romanisation.
 */
export function createSearchService({
  db,
  pseudonymKey,
}: {
  db: Db;
  /** The workspace secret behind pseudonymous ids of withheld names. */
  pseudonymKey: () => Buffer;
}): SearchService {
  /**
   * Replacements for query words the corpus does not have. The closest indexed word is tried
   * first; when the corrected query finds nothing this reader may see (the word occurs only in
   * hidden records), the next closest ones are tried in turn, one word at a time, so a visible
   * correction is still offered and a hidden word is never revealed.
   */
  async function correct(
    searchText: string,
    findsVisible: (text: string, terms: string[]) => Promise<boolean>,
  ): Promise<{ text: string; corrections: SearchResponse['corrections'] } | undefined> {
    const words = [...new Set(searchText.split(/[^\p{L}\p{N}]+/u))].filter(
      (w) => w.length >= 4 && !hasCjk(w) && !OPERATORS.has(w),
    );
    const known = await listKnownTerms(db, words);
    const options: { word: string; candidates: { term: string; similarity: number }[] }[] = [];
    for (const word of words.filter((w) => !known.has(w))) {
      const candidates = (await findSimilarTerms(db, anyAscii(word).toLowerCase(), MAX_CANDIDATES)).filter(
        (c) => c.term !== word,
      );
      if (candidates.length > 0) {
        options.push({ word, candidates });
      }
    }
    if (options.length === 0) {
      return undefined;
    }
    const build = (choice: number[]) => {
      let text = searchText;
      const corrections: SearchResponse['corrections'] = [];
      options.forEach(({ word, candidates }, i) => {
        const c = candidates[choice[i] ?? 0];
        if (!c) {
          return;
        }
        corrections.push({ from: word, to: c.term, similarity: Math.round(c.similarity * 1000) / 1000 });
        text = text.replace(
          new RegExp(`(^|[^\\p{L}\\p{N}])${word}(?=$|[^\\p{L}\\p{N}])`, 'gu'),
          `$1${c.term}`,
        );
      });
      return { text, corrections };
    };
    const choice = options.map(() => 0);
    const best = build(choice);
    const terms = (c: { corrections: SearchResponse['corrections'] }) => c.corrections.map((x) => x.to);
    if (await findsVisible(best.text, terms(best))) {
      return best;
    }
    for (let i = 0; i < options.length; i += 1) {
      for (let k = 1; k < (options[i]?.candidates.length ?? 0); k += 1) {
        const trial = build(choice.map((c, j) => (j === i ? k : c)));
        if (await findsVisible(trial.text, terms(trial))) {
          return trial;
        }
      }
    }
    return undefined;
  }

  return {
    async search(params, viewer = LOCAL_VIEWER) {
      const searchText = toQueryText(params.q);
      const base = {
        visible: visibleTo(viewer),
        languages: params.lang,
        from: params.from,
        to: params.to,
        limit: params.limit,
        offset: params.offset,
      };
      let effective = searchText;
      let corrections: SearchResponse['corrections'] = [];
      let result = await searchDocuments(db, { ...base, searchText });
      if (searchText && result.total === 0) {
        // A correction that finds nothing the reader may see is not shown: it would reveal
        // that the word occurs in a record they cannot read.
        let retried: typeof result | undefined;
        // Each offered word must itself occur in a record the reader sees (stemming alone could
        // match a visible record while the word came from a hidden one).
        const corrected = await correct(searchText, async (text, terms) => {
          const found = await searchDocuments(db, { ...base, searchText: text });
          const words = found.rows.map((r) => new Set(foldText(r.text).split(/[^\p{L}\p{N}]+/u)));
          const ok = found.total > 0 && terms.every((term) => words.some((w) => w.has(term)));
          if (ok) {
            retried = found;
          }
          return ok;
        });
        if (corrected && retried) {
          effective = corrected.text;
          corrections = corrected.corrections;
          result = retried;
        }
      }
      const facets = await countFacets(db, { ...base, searchText: effective });
      const levels = await getFieldLevels(
        db,
        'document',
        result.rows.map((row) => row.summary.id),
      );
      return {
        query: params.q,
        total: result.total,
        hits: result.rows.map((row) => ({
          ...maskFields(row.summary, levels.get(row.summary.id), base.visible, pseudonymKey),
          score: row.score,
          snippet: buildSnippet(row.text, findQueryHits(row.text, effective, 20)),
        })),
        facets,
        corrections,
      };
    },
  };
}
