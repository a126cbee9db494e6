import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, loadConfig } from '@longarm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-tokens-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (argv: string[], stdin = '') => runCliCaptured(dataDir, argv, stdin);

describe('longarm tokens', () => {
  it('adds a token shown once, lists it without the secret, and revokes it', async () => {
    expect(
      (
        await cli(
          ['users', 'add', '--email', 'script@example.org', '--role', 'analyst', '--password-stdin'],
          'an invented passphrase\n',
        )
      ).code,
    ).toBe(0);
    const added = await cli(['tokens', 'add', '--email', 'script@example.org', '--scope', 'write', '--json']);
    expect(added.code).toBe(0);
    const made = JSON.parse(added.out) as { token: string; id: string; scope: string; expiresAt: string };
    expect(made.scope).toBe('write');
    const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const listed = await cli(['tokens', 'list']);
    expect(listed.out).toContain(made.id);
    expect(listed.out).not.toContain(made.token);

    const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }));
    try {
      expect((await core.services.accounts.tokenUser(made.token))?.scope).toBe('write');
    } finally {
      await core.close();
    }
    expect(await cli(['tokens', 'revoke', made.id])).toEqual({
      code: 0,
      out: `revoked ${made.id}\n`,
      err: '',
    });
    const again = await cli(['tokens', 'revoke', made.id]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('there is no token');
    const unknownUser = await cli(['tokens', 'add', '--email', 'nobody@example.org']);
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.err).toContain('there is no account for nobody@example.org');
    const log = JSON.parse((await cli(['audit', 'list', '--json'])).out) as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(['token.revoke', 'token.create', 'user.create']);
  });
});
