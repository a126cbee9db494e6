import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import type { SearchParams, SearchResponse } from '@longarm/contracts';
import { anyAscii } from '../domain/romanise.ts';
import { buildSnippet, findQueryHits, hasCjk, toQueryText } from '../domain/search-text.ts';
import type { Db } from '../store/db.ts';
import { countFacets, findSimilarTerm, listKnownTerms, searchDocuments } from '../store/search.store.ts';

export interface SearchService {
  /** Only records the viewer may read count anywhere: hits, totals, facets, corrections. */
  search(params: SearchParams, viewer?: Viewer): Promise<SearchResponse>;
}

const OPERATORS = new Set(['or', 'and', 'not']);

/**
 * Full-text search with facets and snippets. Words that match nothing in the corpus vocabulary
 * are replaced by their closest indexed word (trigrams on romanised forms), so "Nenshy" finds
 * "Nenshi" and a romanised spelling can reach another script's romanisation.
 */
export function createSearchService({ db }: { db: Db }): SearchService {
  async function correct(
    searchText: string,
  ): Promise<{ text: string; corrections: SearchResponse['corrections'] }> {
    const words = [...new Set(searchText.split(/[^\p{L}\p{N}]+/u))].filter(
      (w) => w.length >= 4 && !hasCjk(w) && !OPERATORS.has(w),
    );
    const known = await listKnownTerms(db, words);
    const corrections: SearchResponse['corrections'] = [];
    let text = searchText;
    for (const word of words.filter((w) => !known.has(w))) {
      const similar = await findSimilarTerm(db, anyAscii(word).toLowerCase());
      if (similar && similar.term !== word) {
        corrections.push({
          from: word,
          to: similar.term,
          similarity: Math.round(similar.similarity * 1000) / 1000,
        });
        text = text.replace(
          new RegExp(`(^|[^\\p{L}\\p{N}])${word}(?=$|[^\\p{L}\\p{N}])`, 'gu'),
          `$1${similar.term}`,
        );
      }
    }
    return { text, corrections };
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
        const corrected = await correct(searchText);
        if (corrected.corrections.length > 0) {
          const retried = await searchDocuments(db, { ...base, searchText: corrected.text });
          // A correction that finds nothing the reader may see is not shown: it would reveal
          // that the word occurs in a record they cannot read.
          if (retried.total > 0) {
            effective = corrected.text;
            corrections = corrected.corrections;
            result = retried;
          }
        }
      }
      const facets = await countFacets(db, { ...base, searchText: effective });
      return {
        query: params.q,
        total: result.total,
        hits: result.rows.map((row) => ({
          ...row.summary,
          score: row.score,
          snippet: buildSnippet(row.text, findQueryHits(row.text, effective, 20)),
        })),
        facets,
        corrections,
      };
    },
  };
}
