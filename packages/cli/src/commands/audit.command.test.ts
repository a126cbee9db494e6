import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '@longarm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { runCli } from '../program.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (argv: string[], stdin = '') => runCliCaptured(dataDir, argv, stdin);

async function sql(statement: string): Promise<void> {
  const db = await openDb({ kind: 'pglite', dataDir, holder: 'audit test' });
  try {
    await db.query(statement);
  } finally {
    await db.close();
  }
}

describe('longarm audit', () => {
  it('verifies the chain, then catches a row edited and a row deleted with SQL', async () => {
    for (const [email, role] of [
      ['owner@example.org', 'owner'],
      ['analyst@example.org', 'analyst'],
      ['viewer@example.org', 'viewer'],
    ] as const) {
      const add = await cli(
        ['users', 'add', '--email', email, '--role', role, '--password-stdin'],
        'a long invented passphrase\n',
      );
      expect(add.code).toBe(0);
    }
    expect(await cli(['audit', 'verify'])).toEqual({ code: 0, out: 'ok, 3 entries\n', err: '' });
    const listed = await cli(['audit', 'list', '--json']);
    const entries = JSON.parse(listed.out) as { seq: number; action: string; actor: string }[];
    expect(entries.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [3, 'user.create', 'local'],
      [2, 'user.create', 'local'],
      [1, 'user.create', 'local'],
    ]);

    const checkpoint = await cli(['audit', 'checkpoint']);
    expect(checkpoint.code).toBe(0);
    const kept = join(dataDir, 'kept-checkpoint.json');
    writeFileSync(kept, checkpoint.out);
    expect(JSON.parse(checkpoint.out)).toMatchObject({
      seq: 3,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    await sql(`update audit_log set details = jsonb_set(details, '{role}', '"viewer"') where seq = 1`);
    const edited = await cli(['audit', 'verify']);
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(/^broken at seq 1: /);

    // Without the key the edit cannot be hidden; dropping the row and renumbering the rest fails too.
    await sql('delete from audit_log where seq = 1');
    await sql('update audit_log set seq = seq - 1');
    const renumbered = await cli(['audit', 'verify']);
    expect(renumbered.code).toBe(1);
    expect(renumbered.out).toMatch(/^broken at seq 1: /);

    const checked = await cli(['audit', 'verify', '--checkpoint', kept, '--json']);
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.out)).toMatchObject({ ok: false });
  });

  it('catches a deleted row in an otherwise intact chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longarm-audit-del-'));
    try {
      const run = (argv: string[], stdin = '') =>
        runCli(argv, {
          out: () => undefined,
          err: () => undefined,
          isTty: false,
          env: { LONGARM_DATA: dir },
          readStdin: () => Promise.resolve(stdin),
        });
      for (const n of [1, 2, 3]) {
        expect(
          await run(
            ['users', 'add', '--email', `u${n}@example.org`, '--role', 'viewer', '--password-stdin'],
            'another invented passphrase',
          ),
        ).toBe(0);
      }
      expect(await run(['audit', 'verify'])).toBe(0);
      const db = await openDb({ kind: 'pglite', dataDir: dir, holder: 'audit test' });
      await db.query('delete from audit_log where seq = 2');
      await db.close();
      let out = '';
      const code = await runCli(['audit', 'verify'], {
        out: (t) => (out += t),
        err: () => undefined,
        isTty: false,
        env: { LONGARM_DATA: dir },
      });
      expect(code).toBe(1);
      expect(out).toBe('broken at seq 2: entry 2 is missing\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
