import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Viewer } from './account.ts';

/** One row of the audit log as the chain sees it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  recordKind: string | null;
  recordId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A signed statement "the log had `seq` rows ending in `hash`", to keep outside the database. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

/** The chain's first `prev_hash`. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** How an actor is written in the log. */
export const actorLabel = (viewer: Viewer): string =>
  viewer.kind === 'user' ? `user:${viewer.id}` : viewer.kind;

/** JSON with object keys sorted at every level, so a value read back from jsonb hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The keyed hash of one row: it covers every column and the previous row's hash. */
export function auditHash(key: Buffer, e: Omit<AuditEntry, 'hash'>): string {
  const payload = canonicalJson([
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.recordKind,
    e.recordId,
    e.details,
    e.prevHash,
  ]);
  return createHmac('sha256', key).update(payload).digest('hex');
}

export function checkpointSignature(key: Buffer, c: Omit<AuditCheckpoint, 'signature'>): string {
  return createHmac('sha256', key)
    .update(canonicalJson(['checkpoint', c.seq, c.hash, c.at]))
    .digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
