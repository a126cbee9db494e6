import type { Sensitivity } from '@longarm/contracts';
import type { Viewer } from './account.ts';

/** What a reviewer decided about a machine suggestion; `pending` until someone decides. */
export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected', 'edited'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_ACTIONS = ['accept', 'reject', 'edit'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export const REVIEW_KINDS = ['mention', 'claim'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const statusOfAction = (action: ReviewAction): ReviewStatus =>
  action === 'accept' ? 'accepted' : action === 'reject' ? 'rejected' : 'edited';

/**
 * One machine suggestion as the queue shows it: a mention (a span naming an entity, place or date)
 * or a claim (a figure, a tactic or response code, an origin or host state) with its evidence span.
 * `corrected` is the reviewer's version after an edit; the suggestion itself is never changed.
 */
export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  documentId: string;
  /** Mention type (person, place, date …) or claim property (figure, tactic …). */
  type: string;
  text: string;
  start: number;
  end: number;
  value: unknown;
  entityId: string | null;
  assertedBy: string | null;
  sensitivity: Sensitivity;
  extractor: string;
  status: ReviewStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  corrected: ReviewCorrection | null;
  createdAt: string;
}

/** A reviewer's correction: another span (its text is read from the document) and/or value. */
export interface ReviewCorrection {
  start?: number;
  end?: number;
  text?: string;
  type?: string;
  value?: unknown;
}

export interface ReviewDecision {
  action: ReviewAction;
  note?: string;
  /** Required for `edit`. */
  correction?: Omit<ReviewCorrection, 'text'>;
}

/**
 * Reviewers and everyone above them may decide; a read-only API token may not, and neither may a
 * viewer or an anonymous visitor. The local CLI may do everything.
 */
export const viewerCanReview = (viewer: Viewer): boolean =>
  viewer.kind === 'local' || (viewer.kind === 'user' && viewer.scope !== 'read' && viewer.role !== 'viewer');
