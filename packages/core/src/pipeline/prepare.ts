import { foldText, listSearchTerms, toIndexTextOfFolded, toSearchText } from '../domain/search-text.ts';
import type { ParseHints, ParsedDocument } from '../domain/source.ts';
import { createBlobStore, sha256Hex } from '../store/blob.store.ts';
import { detectLanguage } from './language.ts';
import { parseDocument } from './parse/parse.stage.ts';

/** Text beyond this many characters is stored but not indexed (PostgreSQL caps a tsvector at 1 MB). */
export const MAX_INDEXED_CHARS = 400_000;

export interface PrepareJob {
  bytes: Uint8Array;
  hints: ParseHints;
  /** A language known in advance (demo records, importers) skips detection. */
  language?: string;
  /**
   * Folder where the original is written (content-addressed) by whoever prepares it, so the
   * writer thread does no file I/O. Absent when the original is already stored (in PostgreSQL).
   */
  blobRoot?: string;
  /** SHA-256 (hex) of `bytes` when the caller computed it already (the ingest loop does). */
  sha256?: string;
}

/** Everything the database writer needs, computed off the writer's thread. */
export interface PreparedDocument {
  sha256: string;
  byteSize: number;
  parsed: ParsedDocument;
  language: string;
  searchTitle: string;
  /** The body's index text without the pinyin of its Han runs (toIndexText)... */
  searchText: string;
  /** ...which are indexed apart, as a set without positions. */
  searchRomanised: string[];
  /** Words offered as typo corrections (romanised keys are computed by the store). */
  terms: string[];
}

/**
 * The CPU-heavy part of ingesting one file: parse, detect the language, build the search text,
 * keep the original. Pure apart from the blob write, so it runs in worker threads.
 * @throws invalid_input / unavailable from the parsers
 */
export async function prepareDocument(job: PrepareJob): Promise<PreparedDocument> {
  const parsed = await parseDocument(job.bytes, job.hints);
  const language = job.language ?? (await detectLanguage(`${parsed.title}\n${parsed.text.slice(0, 20_000)}`));
  const indexed =
    parsed.text.length > MAX_INDEXED_CHARS ? parsed.text.slice(0, MAX_INDEXED_CHARS) : parsed.text;
  if (parsed.text.length > MAX_INDEXED_CHARS) {
    parsed.metadata = { ...parsed.metadata, indexedChars: MAX_INDEXED_CHARS };
  }
  const searchTitle = toSearchText(parsed.title);
  // The body is folded once, for the index text and the vocabulary. The vocabulary folds the text
  // as written (no NFKC), so the NFKC fold serves it only when NFKC changed nothing.
  const normalised = indexed.normalize('NFKC');
  const folded = foldText(normalised);
  const { words: searchText, romanised: searchRomanised } = toIndexTextOfFolded(folded);
  const foldedAsWritten = normalised === indexed ? folded : foldText(indexed);
  const sha256 = job.blobRoot
    ? createBlobStore(job.blobRoot).put(job.bytes, job.sha256)
    : (job.sha256 ?? sha256Hex(job.bytes));
  return {
    sha256,
    byteSize: job.bytes.length,
    parsed,
    language,
    searchTitle,
    searchText,
    searchRomanised,
    // Words as written (not the pinyin grams added for Han text) are the typo-correction vocabulary.
    terms: listSearchTerms(`${foldText(parsed.title)} ${foldedAsWritten}`),
  };
}

export { sha256Hex };
