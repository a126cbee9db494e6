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

/** A file found inside another (archive entry, e-mail attachment); ingested as a child document. */
export interface ChildFile {
  /** Path inside the parent, e.g. `letters/2022/a.pdf` or an attachment's file name. */
  name: string;
  bytes: Uint8Array;
}

/** A problem with part of a file that did not stop the rest (a page without OCR, a skipped entry). */
export interface ParseWarning {
  code: 'invalid_input' | 'unavailable' | 'not_found' | 'forbidden' | 'internal';
  message: string;
  /** Where in the file: `page 3`, `sheet Budget`, `entry a/b.txt`. */
  where?: string;
}

/** What the parser may know besides the bytes. */
export interface ParseHints {
  /** The file's name; a hint only (CSV vs plain text, .mbox), never trusted over the bytes. */
  fileName?: string;
  /** How many containers (archives, e-mails) this file sits inside; 0 for a file on disk. */
  depth?: number;
  /** OCR settings from the config (languages in order of preference, an extra tessdata folder). */
  ocr?: { languages?: readonly string[]; tessdataDir?: string };
}

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
  /** Files inside this one; each becomes a document of its own with this one as parent. */
  children?: ChildFile[];
  warnings?: ParseWarning[];
}
