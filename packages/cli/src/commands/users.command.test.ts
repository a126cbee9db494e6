import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, loadConfig } from '@longarm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-users-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const users = (argv: string[], stdin = '') => runCliCaptured(dataDir, ['users', ...argv], stdin);

describe('longarm users add', () => {
  it('takes the password from stdin without its trailing newline, and refuses a second account for the address', async () => {
    const added = await users(
      ['add', '--email', 'owner@example.org', '--role', 'owner', '--password-stdin'],
      'correct horse battery\n',
    );
    expect(added).toEqual({ code: 0, out: 'created owner@example.org (owner)\n', err: '' });
    const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }));
    try {
      const ok = await core.services.accounts.login({
        email: 'owner@example.org',
        password: 'correct horse battery',
        address: 'test',
      });
      expect(ok.user.role).toBe('owner');
    } finally {
      await core.close();
    }
    const twice = await users(
      ['add', '--email', 'OWNER@example.org', '--role', 'viewer', '--password-stdin'],
      'another long password\n',
    );
    expect(twice.code).toBe(1);
    expect(twice.err).toBe('longarm: an account for owner@example.org exists already\n');
  });

  it('refuses a short password, an unknown role and a password on no stdin, one line each', async () => {
    const short = await users(
      ['add', '--email', 'a@example.org', '--role', 'viewer', '--password-stdin'],
      'short\n',
    );
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/^longarm: the password is too short/);
    const role = await users(
      ['add', '--email', 'b@example.org', '--role', 'boss', '--password-stdin'],
      'a long enough password\n',
    );
    expect(role.err).toMatch(/^longarm: unknown role "boss"/);
    const noStdin = await users(['add', '--email', 'c@example.org', '--role', 'viewer'], '');
    expect(noStdin.code).toBe(1);
    expect(noStdin.err.trim().split('\n')).toHaveLength(1);
  });
});
