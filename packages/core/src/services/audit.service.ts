import type { Viewer } from '../domain/account.ts';
import {
  actorLabel,
  AUDIT_GENESIS,
  auditHash,
  checkpointSignature,
  sameHex,
  type AuditCheckpoint,
  type AuditEntry,
} from '../domain/audit.ts';
import { invalidInput } from '../domain/errors.ts';
import {
  appendAuditRow,
  insertCheckpoint,
  listAuditRows,
  listCheckpoints,
  recentAuditRows,
} from '../store/audit.store.ts';
import type { Db } from '../store/db.ts';

export interface AuditEvent {
  action: string;
  recordKind?: string;
  recordId?: string;
  details?: Record<string, unknown>;
}

export type AuditVerdict =
  | { ok: true; entries: number; checkpoints: number }
  | { ok: false; entries: number; checkpoints: number; brokenSeq: number; reason: string };

export interface AuditService {
  /** Appends one event to the chain. */
  append(actor: Viewer, event: AuditEvent): Promise<AuditEntry>;
  /** The newest entries first. */
  recent(limit?: number): Promise<AuditEntry[]>;
  /**
   * Recomputes every row's keyed hash and link, and checks the stored checkpoints against the rows:
   * an edited row, a deleted row, or rows removed from the end up to a checkpoint are found.
   */
  verify(): Promise<AuditVerdict>;
  /** Signs the current end of the chain, stores the checkpoint and returns it for safe keeping. */
  checkpoint(): Promise<AuditCheckpoint>;
  /** Checks a checkpoint kept elsewhere against the key and the log. */
  checkCheckpoint(c: AuditCheckpoint): Promise<AuditVerdict>;
}

const BATCH = 1000;

/** `key` may be a function, so that a process that never touches the log never reads or makes one. */
export function createAuditService({
  db,
  key: keyOrGet,
}: {
  db: Db;
  key: Buffer | (() => Buffer);
}): AuditService {
  let cached: Buffer | undefined;
  const key = (): Buffer => (cached ??= typeof keyOrGet === 'function' ? keyOrGet() : keyOrGet);
  const rowAt = async (seq: number): Promise<AuditEntry | undefined> =>
    (await listAuditRows(db, seq - 1, 1)).find((r) => r.seq === seq);

  const compareCheckpoint = async (
    c: AuditCheckpoint,
    entries: number,
  ): Promise<{ brokenSeq: number; reason: string } | undefined> => {
    if (!sameHex(checkpointSignature(key(), c), c.signature)) {
      return { brokenSeq: c.seq, reason: `the checkpoint at seq ${c.seq} has a wrong signature` };
    }
    if (c.seq === 0) {
      return sameHex(c.hash, AUDIT_GENESIS)
        ? undefined
        : { brokenSeq: 0, reason: 'the checkpoint of the empty log has a wrong hash' };
    }
    if (c.seq > entries) {
      return {
        brokenSeq: entries + 1,
        reason: `a checkpoint covers ${c.seq} entries but the log ends at ${entries}: rows were removed`,
      };
    }
    const row = await rowAt(c.seq);
    if (!row || !sameHex(row.hash, c.hash)) {
      return { brokenSeq: c.seq, reason: `entry ${c.seq} does not match the checkpoint signed for it` };
    }
    return undefined;
  };

  const service: AuditService = {
    append: (actor, event) =>
      appendAuditRow(db, (last) => {
        const base = {
          seq: (last?.seq ?? 0) + 1,
          at: new Date().toISOString(),
          actor: actorLabel(actor),
          action: event.action,
          recordKind: event.recordKind ?? null,
          recordId: event.recordId ?? null,
          details: event.details ?? {},
          prevHash: last?.hash ?? AUDIT_GENESIS,
        };
        return { ...base, hash: auditHash(key(), base) };
      }),
    recent: (limit = 100) => recentAuditRows(db, Math.min(Math.max(limit, 1), 1000)),
    async verify() {
      let expectedSeq = 1;
      let prevHash = AUDIT_GENESIS;
      let entries = 0;
      for (;;) {
        const rows = await listAuditRows(db, expectedSeq - 1, BATCH);
        for (const row of rows) {
          if (row.seq !== expectedSeq) {
            return fail(expectedSeq, `entry ${expectedSeq} is missing`);
          }
          if (!sameHex(row.prevHash, prevHash)) {
            return fail(row.seq, `entry ${row.seq} does not link to the entry before it`);
          }
          const { hash, ...rest } = row;
          if (!sameHex(auditHash(key(), rest), hash)) {
            return fail(row.seq, `entry ${row.seq} was changed after it was written (or the key is wrong)`);
          }
          prevHash = hash;
          expectedSeq += 1;
          entries += 1;
        }
        if (rows.length < BATCH) {
          break;
        }
      }
      const checkpoints = await listCheckpoints(db);
      for (const c of checkpoints) {
        const broken = await compareCheckpoint(c, entries);
        if (broken) {
          return { ok: false, entries, checkpoints: checkpoints.length, ...broken };
        }
      }
      return { ok: true, entries, checkpoints: checkpoints.length };

      function fail(brokenSeq: number, reason: string): AuditVerdict {
        return { ok: false, entries, checkpoints: 0, brokenSeq, reason };
      }
    },
    async checkpoint() {
      const last = (await recentAuditRows(db, 1))[0];
      const base = { seq: last?.seq ?? 0, hash: last?.hash ?? AUDIT_GENESIS, at: new Date().toISOString() };
      const c = { ...base, signature: checkpointSignature(key(), base) };
      await insertCheckpoint(db, c);
      return c;
    },
    async checkCheckpoint(c) {
      if (!Number.isInteger(c.seq) || c.seq < 0 || typeof c.hash !== 'string') {
        throw invalidInput(
          'a checkpoint is {"seq", "hash", "at", "signature"} as printed by audit checkpoint',
        );
      }
      const verdict = await service.verify();
      if (!verdict.ok) {
        return verdict;
      }
      const broken = await compareCheckpoint(c, verdict.entries);
      return broken
        ? { ok: false, entries: verdict.entries, checkpoints: verdict.checkpoints, ...broken }
        : verdict;
    },
  };
  return service;
}
