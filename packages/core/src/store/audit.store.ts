import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuditCheckpoint, AuditEntry } from '../domain/audit.ts';
import type { Db } from './db.ts';

interface AuditRow {
  seq: number | string;
  at: string | Date;
  actor: string;
  action: string;
  record_kind: string | null;
  record_id: string | null;
  details: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  recordKind: r.record_kind,
  recordId: r.record_id,
  details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends one row computed from the last one, inside a transaction that holds the table lock so
 * two writers cannot both extend the same row.
 */
export async function appendAuditRow(
  db: Db,
  make: (last: { seq: number; hash: string } | undefined) => AuditEntry,
): Promise<AuditEntry> {
  return db.transaction(async (tx) => {
    if (tx.engine === 'postgres') {
      await tx.query('lock table audit_log in share row exclusive mode');
    }
    const last = (
      await tx.query<{ seq: number | string; hash: string }>(
        'select seq, hash from audit_log order by seq desc limit 1',
      )
    )[0];
    const entry = make(last ? { seq: Number(last.seq), hash: last.hash } : undefined);
    await tx.query(
      `insert into audit_log (seq, at, actor, action, record_kind, record_id, details, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      [
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.recordKind,
        entry.recordId,
        JSON.stringify(entry.details),
        entry.prevHash,
        entry.hash,
      ],
    );
    return entry;
  });
}

/** Rows in order of seq, `limit` at a time after `afterSeq`. */
export async function listAuditRows(db: Db, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return (
    await db.query<AuditRow>('select * from audit_log where seq > $1 order by seq limit $2', [
      afterSeq,
      limit,
    ])
  ).map(toEntry);
}

/** The newest rows first. */
export async function recentAuditRows(db: Db, limit: number): Promise<AuditEntry[]> {
  return (await db.query<AuditRow>('select * from audit_log order by seq desc limit $1', [limit])).map(
    toEntry,
  );
}

export async function insertCheckpoint(db: Db, c: AuditCheckpoint): Promise<void> {
  await db.query(
    'insert into audit_checkpoints (seq, hash, at, signature) values ($1, $2, $3, $4) on conflict (seq) do nothing',
    [c.seq, c.hash, c.at, c.signature],
  );
}

export async function listCheckpoints(db: Db): Promise<AuditCheckpoint[]> {
  const rows = await db.query<{ seq: number | string; hash: string; at: string | Date; signature: string }>(
    'select * from audit_checkpoints order by seq',
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    at: new Date(r.at).toISOString(),
    signature: r.signature,
  }));
}

/**
 * The audit key kept in the data folder when LONGARM_AUDIT_KEY is not set: made on first use, mode
 * 0600. It only guards against edits by someone who cannot read the folder.
 */
export function readOrCreateKeyFile(path: string): Buffer {
  if (existsSync(path)) {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'); // another process made it first
    }
    throw e;
  }
  chmodSync(path, 0o600);
  return key;
}
