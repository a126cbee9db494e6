import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, loadConfig } from '@longarm/core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { firstOwnerNotice } from './serve.command.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-users-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const users = (argv: string[], stdin = '') => runCliCaptured(dataDir, ['users', ...argv], stdin);

describe('longarm users add', () => {
  it('takes the password from stdin without its trailing newline, and refuses a second account for the address', async () => {
    const added = await users(
      ['add', '--email', 'owner@example.org', '--role', 'owner', '--password-stdin'],
      'correct horse battery\n',
    );
    expect(added).toEqual({
      code: 0,
      out: 'created owner@example.org (owner); its first login asks it to set up an authenticator app (required for owners and admins)\n',
      err: '',
    });
    const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }));
    try {
      const ok = await core.services.accounts.login({
        email: 'owner@example.org',
        password: 'correct horse battery',
        address: 'test',
      });
      expect(ok.user.role).toBe('owner');
      expect(ok.enrolOnly).toBe(true);
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

describe('longarm users reset-2fa and list', () => {
  it('shows who has two-factor login, and a reset makes the account enrol again and ends its sessions', async () => {
    const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }));
    let session: string;
    try {
      const admin = await core.services.accounts.addUser({
        email: 'admin@example.org',
        role: 'admin',
        password: 'an admin passphrase here',
      });
      const { secret } = await core.services.accounts.setupTotp(admin.id);
      await core.services.accounts.confirmTotp(
        admin.id,
        new TOTP({ secret: Secret.fromBase32(secret) }).generate(),
      );
      const login = await core.services.accounts.login({
        email: 'admin@example.org',
        password: 'an admin passphrase here',
        totp: new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 }),
        address: 'test',
      });
      session = login.token;
      expect(login.enrolOnly).toBe(false);
    } finally {
      await core.close();
    }
    const listed = await users(['list']);
    expect(listed.out).toContain('admin@example.org  admin  2fa\n');
    expect(listed.out).toContain('owner@example.org  owner  (2fa not set up yet)\n');

    const reset = await users(['reset-2fa', '--email', 'admin@example.org']);
    expect(reset).toEqual({
      code: 0,
      out: 'admin@example.org: authenticator removed; the next login sets up a new one\n',
      err: '',
    });
    const after = await createCore(loadConfig({ LONGARM_DATA: dataDir }));
    try {
      expect(await after.services.accounts.sessionUser(session)).toBeUndefined();
      const again = await after.services.accounts.login({
        email: 'admin@example.org',
        password: 'an admin passphrase here',
        address: 'test',
      });
      expect(again.enrolOnly).toBe(true);
    } finally {
      await after.close();
    }
    const missing = await users(['reset-2fa', '--email', 'nobody@example.org']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^longarm: there is no account for nobody@example.org/);
  });
});

describe('the first-owner notice of longarm serve', () => {
  it('prints the password on a terminal, and otherwise writes it to a file only this user can read', () => {
    const owner = { email: 'owner@longarm.local', password: 'generated-password-for-the-test' };
    const onTty = firstOwnerNotice('http://localhost:8080', owner, dataDir, true);
    expect(onTty).toContain('    generated-password-for-the-test\n');
    expect(onTty).toContain('http://localhost:8080/login');
    const notTty = firstOwnerNotice('http://localhost:8080', owner, dataDir, false);
    expect(notTty).not.toContain(owner.password);
    const file = join(dataDir, 'first-owner-password.txt');
    expect(notTty).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('owner@longarm.local\ngenerated-password-for-the-test\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
