import { createHmac } from 'node:crypto';
import type { Sensitivity } from '@longarm/contracts';
import { invalidInput } from './errors.ts';

/**
 * Field-level sensitivity. A record readable at one level can hold fields that need a higher one:
 * a public article whose author is a protected source, a leaked e-mail whose sender must stay
 * hidden, a photo whose GPS position shows where a witness lives. A reader who may see the record
 * but not such a field gets the record with the field withheld: names become a pseudonymous id
 * (stable across records, so "the same source" stays visible without saying who), other values
 * are removed, and the response lists what was withheld.
 */
export type FieldLevels = Readonly<Record<string, Sensitivity>>;

/** Document fields that can carry a level of their own, plus any `metadata.<key>`. */
export const DOCUMENT_FIELDS = ['author', 'url', 'outlet', 'fileNames'] as const;
/** Fields that name someone: withheld as a pseudonym rather than removed. */
const NAME_FIELDS = new Set(['author', 'metadata.from', 'metadata.to', 'metadata.cc', 'metadata.sender']);

const LEVEL_ORDER: Record<Sensitivity, number> = { public: 0, internal: 1, restricted: 2, protected: 3 };
export const levelRank = (level: Sensitivity): number => LEVEL_ORDER[level];

/** @throws invalid_input for a field a document does not have */
export function checkDocumentField(field: string): void {
  if ((DOCUMENT_FIELDS as readonly string[]).includes(field)) {
    return;
  }
  if (/^metadata\.[\w.-]{1,64}$/.test(field)) {
    return;
  }
  throw invalidInput(
    `"${field}" is not a document field that can have its own sensitivity; use ${DOCUMENT_FIELDS.join(', ')} or metadata.<key>`,
    { field },
  );
}

/**
 * A pseudonymous id for a withheld value: keyed with the workspace secret, so nobody without it
 * can test a guessed name against it, and the same value gives the same id in every record.
 */
export function pseudonym(key: Buffer, field: string, value: string): string {
  const digest = createHmac('sha256', key)
    .update(`${field.replace(/^metadata\./, '')}\u0000${value.normalize('NFKC').trim().toLowerCase()}`)
    .digest('hex');
  return `anon-${digest.slice(0, 10)}`;
}

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      : value === null || value === undefined
        ? []
        : [JSON.stringify(value)];

/**
 * The record as `visible` may see it. Fields above the reader's levels are replaced (names by a
 * pseudonym, lists by an empty list, other values by null) or, inside `metadata`, removed.
 */
export function maskFields<T extends object>(
  record: T,
  levels: FieldLevels | undefined,
  visible: readonly Sensitivity[],
  key: () => Buffer,
): T & { withheld?: string[] } {
  const hidden = Object.entries(levels ?? {}).filter(([, level]) => !visible.includes(level));
  if (hidden.length === 0) {
    return record;
  }
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const metadata: Record<string, unknown> = {
    ...((record as { metadata?: Record<string, unknown> }).metadata ?? {}),
  };
  const withheld: string[] = [];
  for (const [field] of hidden) {
    const inMetadata = field.startsWith('metadata.');
    const name = inMetadata ? field.slice('metadata.'.length) : field;
    const holder = inMetadata ? metadata : out;
    if (!(name in holder) || holder[name] === null || holder[name] === undefined) {
      continue;
    }
    const value = holder[name];
    if (NAME_FIELDS.has(field)) {
      const ids = stringsOf(value).map((v) => pseudonym(key(), field, v));
      holder[name] = Array.isArray(value) ? ids : ids.join(', ');
    } else if (inMetadata) {
      delete holder[name];
    } else {
      holder[name] = Array.isArray(value) ? [] : null;
    }
    withheld.push(field);
  }
  if ('metadata' in record) {
    out.metadata = metadata;
  }
  return { ...(out as T), withheld: withheld.sort() };
}
