import { AppError, type Services, type Viewer } from '@longarm/core';
import { Hono } from 'hono';
import { requireCapability } from './access.ts';

/** The audit log for owners (and the local CLI): newest entries, and a full verification. */
export function createAuditRoutes(services: Services): Hono<{ Variables: { viewer: Viewer } }> {
  const app = new Hono<{ Variables: { viewer: Viewer } }>();
  app.get('/', async (c) => {
    requireCapability(c.get('viewer'), 'read_audit', 'read the audit log');
    const raw = c.req.query('limit') ?? '100';
    const limit = Number(raw);
    if (!/^\d{1,4}$/.test(raw) || limit < 1 || limit > 1000) {
      throw new AppError('invalid_input', 'limit must be a whole number from 1 to 1000');
    }
    return c.json({ entries: await services.audit.recent(limit) });
  });
  app.get('/verify', async (c) => {
    requireCapability(c.get('viewer'), 'read_audit', 'verify the audit log');
    return c.json(await services.audit.verify());
  });
  return app;
}

/** Accounts as admins see them (no secrets). */
export function createUserRoutes(services: Services): Hono<{ Variables: { viewer: Viewer } }> {
  const app = new Hono<{ Variables: { viewer: Viewer } }>();
  app.get('/', async (c) => {
    requireCapability(c.get('viewer'), 'manage_users', 'list accounts');
    return c.json({ users: await services.accounts.listUsers() });
  });
  return app;
}
