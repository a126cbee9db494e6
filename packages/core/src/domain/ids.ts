import { randomBytes } from 'node:crypto';

type Brand<T extends string> = string & { readonly __brand: T };
export type DocumentId = Brand<'DocumentId'>;
export type EntityId = Brand<'EntityId'>;
export type MentionId = Brand<'MentionId'>;
export type ClaimId = Brand<'ClaimId'>;
export type IncidentId = Brand<'IncidentId'>;
export type ActId = Brand<'ActId'>;
export type InvolvementId = Brand<'InvolvementId'>;
export type FacilityId = Brand<'FacilityId'>;
export type ResponseId = Brand<'ResponseId'>;
export type RunId = Brand<'RunId'>;

/** A document's id is derived from the SHA-256 of its bytes, so the same file always gets the same id. */
export const toDocumentIdFromSha256 = (sha256: string): DocumentId =>
  `doc_${sha256.slice(0, 24)}` as DocumentId;
export const toDocumentId = (value: string): DocumentId => value as DocumentId;
export const toEntityId = (value: string): EntityId => value as EntityId;
export const toClaimId = (value: string): ClaimId => value as ClaimId;
export const toRunId = (value: string): RunId => value as RunId;

const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;
export const newEntityId = (): EntityId => randomId('ent') as EntityId;
export const newMentionId = (): MentionId => randomId('men') as MentionId;
export const newClaimId = (): ClaimId => randomId('clm') as ClaimId;
export const newIncidentId = (): IncidentId => randomId('inc') as IncidentId;
export const newActId = (): ActId => randomId('act') as ActId;
export const newInvolvementId = (): InvolvementId => randomId('inv') as InvolvementId;
export const newFacilityId = (): FacilityId => randomId('fac') as FacilityId;
export const newResponseId = (): ResponseId => randomId('rsp') as ResponseId;
export const newRunId = (): RunId => randomId('run') as RunId;
