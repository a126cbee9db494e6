import type { Reliability, Sensitivity } from '@longarm/contracts';
import type { DocumentId } from './ids.ts';

export type { Reliability, Sensitivity };

export type SourceKind =
  | 'case_record'
  | 'court_record'
  | 'dataset'
  | 'document'
  | 'gov_statement'
  | 'leak'
  | 'news'
  | 'ngo_report'
  | 'social_post'
  | 'state_media'
  | 'testimony';

/**
 * A stored source file and the text extracted from it. The bytes live in the blob store under
 * `sha256`; every offset elsewhere (mentions, claims) is a UTF-16 index into `text`.
 */
export interface Document {
  id: DocumentId;
  sha256: string;
  title: string;
  text: string;
  language: string;
  mediaType: string;
  sourceKind: SourceKind;
  url: string | null;
  outlet: string | null;
  author: string | null;
  /** ISO 8601, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. */
  publishedAt: string | null;
  /** Admiralty reliability of the source (A–F); credibility 1–6 belongs to claims. */
  reliability: Reliability | null;
  sensitivity: Sensitivity;
  byteSize: number;
  fileNames: string[];
  metadata: Record<string, unknown>;
  createdAt: string;
}

export type DocumentSummary = Omit<
  Document,
  'text' | 'author' | 'reliability' | 'sensitivity' | 'fileNames' | 'metadata'
>;

/** What a parser hands to the rest of the pipeline. */
export interface ParsedDocument {
  mediaType: string;
  title: string;
  text: string;
  url: string | null;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  /** Page starts as offsets into `text` (PDF). */
  pageOffsets?: number[];
  metadata: Record<string, unknown>;
}
