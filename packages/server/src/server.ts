import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createCore, type Config, type Core } from '@longarm/core';
import { Hono } from 'hono';
import { pino } from 'pino';
import { createApiApp } from './app.ts';

/** Strict policy: nothing from outside this origin, no inline scripts; MapLibre needs blob: workers. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function findWebDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [process.env.LONGARM_WEB_DIR, join(here, 'web'), resolve(here, '../../../dist/web')]
    .filter((d): d is string => Boolean(d))
    .find((d) => existsSync(join(d, 'index.html')));
}

export function createLogger(config: Config): pino.Logger {
  const dir = join(config.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // Log lines carry method, route and status, never query strings or bodies: those can hold names.
  return pino(
    { level: config.logLevel, base: undefined },
    pino.destination({ dest: join(dir, 'server.log'), sync: false, mkdir: true }),
  );
}

/** The whole HTTP app: API under /api, the web build everywhere else. */
export function createHttpApp(
  core: Core,
  logger: pino.Logger,
  webDir = findWebDir(),
  localToken?: string,
): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
      c.header(k, v);
    }
    logger.info(
      {
        method: c.req.method,
        path: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.route('/api', createApiApp(core.services, logger, localToken));
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    app.use('/assets/*', serveStatic({ root: webDir }));
    // A stale page asking for an asset of an older build gets a 404, not the app's HTML.
    app.get('/assets/*', (c) => c.text('not found', 404));
    app.use('*', serveStatic({ root: webDir, index: 'index.html' }));
    // Client-side routes: the current index.html, read per request so a rebuild is picked up.
    app.get('*', (c) => c.html(readFileSync(join(webDir, 'index.html'), 'utf8')));
  } else {
    app.get('*', (c) =>
      c.text('The web app is not built. Run `npm run build` (npm ci does it), then restart the server.', 503),
    );
  }
  return app;
}

export interface RunningServer {
  url: string;
  /**
   * Set on the first start of a workspace without an owner: the account created for its operator,
   * with a generated password. It is handed back once, to be shown on the terminal; it is never logged.
   */
  firstOwner?: { email: string; password: string };
  close(): Promise<void>;
}

/** Opens the store, loads the demo workspace into an empty one, and listens. */
export async function startServer(
  config: Config,
  opts: { loadDemoIfEmpty?: boolean } = {},
): Promise<RunningServer> {
  const logger = createLogger(config);
  const core = await createCore(config, { holder: `longarm serve (port ${config.port})` });
  let firstOwner: RunningServer['firstOwner'];
  try {
    if (opts.loadDemoIfEmpty !== false && (await core.services.documents.count()) === 0) {
      const report = await core.services.demo.load();
      logger.info(
        { ingested: report.ingested.length, failed: report.failed.length },
        'demo workspace loaded',
      );
    }
    const created = await core.services.accounts.ensureOwner(config.ownerEmail);
    if (created) {
      firstOwner = { email: created.user.email, password: created.password };
      logger.info('first start: owner account created (its password went to the terminal only)');
    }
  } catch (e) {
    await core.close();
    throw e;
  }
  const localToken = randomBytes(32).toString('hex');
  const app = createHttpApp(core, logger, findWebDir(), localToken);
  const server: ServerType = await new Promise((ok) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ok(s));
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'listening');
  const loopbackHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  core.advertise({
    url: `http://${loopbackHost.includes(':') ? `[${loopbackHost}]` : loopbackHost}:${port}`,
    token: localToken,
  });
  return {
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    ...(firstOwner ? { firstOwner } : {}),
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      await core.close();
      logger.flush();
    },
  };
}
