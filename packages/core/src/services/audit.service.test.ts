import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER } from '../domain/account.ts';
import { openDb, type Db } from '../store/db.ts';
import { createTestDbTarget } from '../store/test-target.ts';
import { createAuditService, type AuditService } from './audit.service.ts';

let db: Db;
let cleanup: () => Promise<void>;
let audit: AuditService;
const key = randomBytes(32);
const analyst = { kind: 'user', id: 'usr_test', role: 'analyst' } as const;

beforeEach(async () => {
  const t = await createTestDbTarget();
  cleanup = t.cleanup;
  db = await openDb(t.target);
  audit = createAuditService({ db, key });
  for (let i = 1; i <= 5; i++) {
    await audit.append(i % 2 ? analyst : LOCAL_VIEWER, {
      action: 'document.read',
      recordKind: 'document',
      recordId: `doc_${i}`,
      details: { z: i, a: { nested: [1, 'two'] } },
    });
  }
});
afterEach(async () => {
  await db.close();
  await cleanup();
});

describe('audit log', () => {
  it('chains entries and verifies them, newest first in recent()', async () => {
    expect(await audit.verify()).toEqual({ ok: true, entries: 5, checkpoints: 0 });
    const recent = await audit.recent(2);
    expect(recent.map((e) => e.seq)).toEqual([5, 4]);
    expect(recent[0]?.prevHash).toBe(recent[1]?.hash);
    expect(recent[0]?.actor).toBe('user:usr_test');
  });

  it('finds a row edited directly in the database', async () => {
    await db.query(`update audit_log set record_id = 'doc_other' where seq = 3`);
    const verdict = await audit.verify();
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('finds an edit of the details column', async () => {
    await db.query(`update audit_log set details = '{"z": 99}'::jsonb where seq = 2`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it('finds a deleted row in the middle and at the start', async () => {
    await db.query('delete from audit_log where seq = 4');
    expect(await audit.verify()).toMatchObject({ ok: false, brokenSeq: 4 });
    await db.query('delete from audit_log where seq = 1');
    expect(await audit.verify()).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('finds rows cut from the end once a checkpoint covers them', async () => {
    const checkpoint = await audit.checkpoint();
    expect(checkpoint.seq).toBe(5);
    expect(await audit.verify()).toEqual({ ok: true, entries: 5, checkpoints: 1 });
    await db.query('delete from audit_log where seq = 5');
    expect(await audit.verify()).toMatchObject({ ok: false, brokenSeq: 5 });
  });

  it('finds a kept checkpoint that the log no longer matches, and a forged one', async () => {
    const kept = await audit.checkpoint();
    expect(await audit.checkCheckpoint(kept)).toMatchObject({ ok: true });
    expect(await audit.checkCheckpoint({ ...kept, hash: 'f'.repeat(64) })).toMatchObject({ ok: false });
    // Someone with database access but no key deletes the tail and its stored checkpoints.
    await db.query('delete from audit_checkpoints');
    await db.query('delete from audit_log where seq >= 4');
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(await audit.checkCheckpoint(kept)).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('fails every row under a different key', async () => {
    const other = createAuditService({ db, key: randomBytes(32) });
    expect(await other.verify()).toMatchObject({ ok: false, brokenSeq: 1 });
  });
});
