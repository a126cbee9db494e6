import type { Sensitivity } from '@longarm/contracts';
import type { DocumentId, EntityId, MentionId } from './ids.ts';

export type EntityType =
  'person' | 'organization' | 'public_body' | 'facility' | 'channel' | 'campaign' | 'place' | 'other';

export type NameKind = 'canonical' | 'alias' | 'transliteration' | 'translation' | 'pseudonym';

/** One spelling of an entity's name, tagged with the script and language it is written in. */
export interface EntityName {
  value: string;
  lang: string | null;
  /** ISO 15924 script code, e.g. Latn, Hans, Cyrl. */
  script: string;
  kind: NameKind;
}

export interface Entity {
  id: EntityId;
  type: EntityType;
  canonicalName: string;
  names: EntityName[];
  sensitivity: Sensitivity;
  isPseudonymous: boolean;
  createdAt: string;
}

/** Where a document names something: a span of its text, optionally resolved to an entity. */
export interface Mention {
  id: MentionId;
  documentId: DocumentId;
  entityId: EntityId | null;
  type: EntityType;
  text: string;
  start: number;
  end: number;
  extractor: string;
}
