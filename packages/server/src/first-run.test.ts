import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, loadConfig } from '@longarm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'longarm-first-run-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every file under the data folder's logs/, concatenated. */
const logs = (): string => {
  const dir = join(dataDir, 'logs');
  return existsSync(dir)
    ? readdirSync(dir)
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n')
    : '';
};

describe('first start of a workspace', () => {
  it('creates the owner once, hands the password back to the caller only, and never again', async () => {
    const config = loadConfig({ LONGARM_DATA: dataDir, PORT: '0', LONGARM_OWNER_EMAIL: 'Lead@Example.org' });
    const first = await startServer(config, { loadDemoIfEmpty: false });
    const owner = first.firstOwner;
    await first.close();
    expect(owner?.email).toBe('lead@example.org');
    expect(owner?.password).toMatch(/^[\w-]{32}$/);
    expect(logs()).toContain('owner account created');
    expect(logs()).not.toContain(owner?.password ?? 'no password');

    const second = await startServer(config, { loadDemoIfEmpty: false });
    expect(second.firstOwner).toBeUndefined();
    await second.close();

    const core = await createCore(config);
    try {
      const owners = (await core.services.accounts.listUsers()).filter((u) => u.role === 'owner');
      expect(owners.map((u) => u.email)).toEqual(['lead@example.org']);
      const login = await core.services.accounts.login({
        email: 'lead@example.org',
        password: owner?.password ?? '',
        address: 'test',
      });
      // Owners must use two-factor login: the first session may only enrol an authenticator.
      expect(login.enrolOnly).toBe(true);
      const audit = await core.services.audit.recent(50);
      expect(audit.map((e) => e.action)).toContain('user.first_owner');
    } finally {
      await core.close();
    }
  });
});
