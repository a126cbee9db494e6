import type { ClaimId, DocumentId } from './ids.ts';

export type Stance = 'asserts' | 'denies' | 'disputes' | 'revises' | 'reports_that';
/** Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;
export type VerificationStatus =
  | 'unverified'
  | 'under_review'
  | 'corroborated'
  | 'confirmed'
  | 'disputed'
  | 'refuted'
  | 'retracted'
  | 'withheld';
export type SubjectKind = 'entity' | 'incident' | 'facility' | 'act' | 'response';

/**
 * One asserted value with its provenance. Claims are never overwritten: conflicting claims
 * (54 vs 102 stations) are kept side by side and views pick or show them.
 */
export interface Claim {
  id: ClaimId;
  subjectKind: SubjectKind;
  subjectId: string;
  property: string;
  value: unknown;
  stance: Stance;
  assertedBy: string | null;
  documentId: DocumentId | null;
  span: { start: number; end: number } | null;
  credibility: Credibility;
  status: VerificationStatus;
  createdAt: string;
}
