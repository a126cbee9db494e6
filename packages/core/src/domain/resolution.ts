/** Entity resolution: candidate pairs, judgements, merges, screening results, FtM schema mapping. */
import type { Viewer } from './account.ts';
import type { EntityType } from './entity.ts';

export const VERDICTS = ['same', 'different', 'unsure'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a pair scored what it did: the two names that met best and the matcher's features. */
export interface PairExplanation {
  leftName: string;
  rightName: string;
  threshold: number;
  features: { name: string; value: number; weight: number; note: string }[];
}

export interface EntitySummary {
  id: string;
  type: EntityType;
  name: string;
  sensitivity: string;
}

export interface CandidatePair {
  left: EntitySummary;
  right: EntitySummary;
  score: number;
  explanation: PairExplanation;
  /** The last judgement of this pair when it was `unsure`; judged same/different pairs leave the queue. */
  lastVerdict: Verdict | null;
}

export interface Judgement {
  id: string;
  leftId: string;
  rightId: string;
  verdict: Verdict;
  score: number | null;
  explanation: PairExplanation | Record<string, never>;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
  /** Set when a `same` verdict merged the right entity into the left one. */
  mergeId: string | null;
}

export interface SplitResult {
  mergeId: string;
  entityId: string;
  from: string;
  names: number;
  mentions: number;
}

/** Who may record judgements, merge and split: reviewers and up, never through a read-only token. */
export const canJudge = (viewer: Viewer): boolean =>
  viewer.kind === 'local' || (viewer.kind === 'user' && viewer.scope !== 'read' && viewer.role !== 'viewer');

/** Our entity types in FollowTheMoney's schema names. */
export const FTM_SCHEMA_OF_TYPE: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  public_body: 'PublicBody',
  facility: 'Organization',
  channel: 'LegalEntity',
  campaign: 'LegalEntity',
  place: 'LegalEntity',
  other: 'LegalEntity',
};

/** FtM schemas that are things with names we keep as entities; anything else is skipped on import. */
export const TYPE_OF_FTM_SCHEMA: Record<string, EntityType> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'public_body',
  Vessel: 'other',
  Airplane: 'other',
};

/** Types that may describe the same thing: people with people, bodies with bodies. */
export function typesCompatible(a: EntityType, b: EntityType): boolean {
  if (a === b || a === 'other' || b === 'other') {
    return true;
  }
  const body = (t: EntityType) => t === 'organization' || t === 'public_body' || t === 'facility';
  return body(a) && body(b);
}
