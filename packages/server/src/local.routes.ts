import { AppError, LOCAL_VIEWER, type Services } from '@longarm/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { LOCAL_TOKEN_HEADER, sameToken } from './viewer.ts';

const IngestBodySchema = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
  workers: z.number().int().min(1).max(64).optional(),
  extract: z.boolean().optional(),
});

/**
 * Routes for CLI commands on the data folder this server holds (PGlite allows one process per
 * folder). They read paths on this machine, so they take a token that only a process able to
 * read the folder's lock file knows, and only from loopback.
 */
export function createLocalRoutes(services: Services, token: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
      ?.socket?.remoteAddress;
    const loopback =
      remote === undefined || remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
    if (!loopback || !sameToken(c.req.header(LOCAL_TOKEN_HEADER), token)) {
      throw new AppError(
        'forbidden',
        'local commands need the token from the data folder and a loopback connection',
      );
    }
    await next();
  });
  app.post('/ingest', async (c) => {
    const parsed = IngestBodySchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      throw new AppError('invalid_input', 'the body must be {"paths": ["…"]}');
    }
    await services.audit.append(LOCAL_VIEWER, {
      action: 'ingest.start',
      details: { paths: parsed.data.paths.length },
    });
    return c.json(
      await services.ingest.ingestPaths(parsed.data.paths, undefined, {
        workers: parsed.data.workers,
        extract: parsed.data.extract,
      }),
    );
  });
  app.post('/demo', async (c) => {
    await services.audit.append(LOCAL_VIEWER, { action: 'demo.load' });
    return c.json(await services.demo.load());
  });
  return app;
}
