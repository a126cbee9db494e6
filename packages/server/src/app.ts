import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  DocumentQuerySchema,
  ClassifyRequestSchema,
  ClassifyResponseSchema,
  DocumentResponseSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  RunListResponseSchema,
  RunResponseSchema,
  SearchRequestSchema,
  SearchResponseSchema,
  type ErrorResponse,
} from '@longarm/contracts';
import { AppError, type Services, type Viewer } from '@longarm/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HTTP_STATUS } from './errors.ts';
import { createAuthRoutes, SESSION_COOKIE } from './auth.routes.ts';
import { LOCAL_TOKEN_HEADER, readCookie, refuseBeforeEnrolment, resolveViewer } from './viewer.ts';
import { createLocalRoutes } from './local.routes.ts';
import { checkCsrf, refuseNul } from './access.ts';
import { createAuditRoutes, createUserRoutes } from './audit.routes.ts';
import { registerReviewRoutes } from './review.routes.ts';
import { registerRelatedRoutes } from './related.routes.ts';
import { registerEntityRoutes } from './entities.routes.ts';

export interface AppLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const errorBody = (
  code: ErrorResponse['error']['code'],
  message: string,
  details?: Record<string, unknown>,
): ErrorResponse => ({
  error: { code, message, ...(details ? { details } : {}) },
});

const errorResponses = {
  400: { description: 'Bad input', content: { 'application/json': { schema: ErrorResponseSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorResponseSchema } } },
  500: { description: 'Server error', content: { 'application/json': { schema: ErrorResponseSchema } } },
};

const ExportQuerySchema = z.object({
  type: z
    .enum(['documents', 'entities', 'incidents', 'facilities', 'claims', 'list-entries'])
    .default('documents'),
  format: z.enum(['csv', 'xlsx', 'geojson', 'ftm']).default('csv'),
  q: z.string().max(500).optional(),
  lang: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

/** The HTTP API: routes call core services; errors map through one table. */
export function createApiApp(
  services: Services,
  logger: AppLogger,
  localToken?: string,
): OpenAPIHono<{ Variables: { viewer: Viewer } }> {
  const app = new OpenAPIHono<{ Variables: { viewer: Viewer } }>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new AppError(
          'invalid_input',
          `invalid request: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}`,
          { issues },
        );
      }
    },
  });

  app.onError((err, c: Context) => {
    if (err instanceof AppError) {
      return c.json(errorBody(err.code, err.message, err.details), HTTP_STATUS[err.code]);
    }
    // Hono's own refusals (a body that is not JSON where a route takes JSON, malformed JSON) are the
    // caller's mistake: answer them in the house shape, never as an internal error.
    if (err instanceof HTTPException && err.status >= 400 && err.status < 500) {
      return c.json(
        errorBody(
          'invalid_input',
          err.status === 415
            ? 'the body must be JSON: send it with content-type application/json'
            : `the request was refused: ${err.message || 'malformed input'}`,
        ),
        HTTP_STATUS.invalid_input,
      );
    }
    logger.error({ err: { message: err.message, stack: err.stack }, path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal', 'internal error; the server log has the details'), 500);
  });
  // Who is asking, once per request: the data folder's own CLI (local token), a session, or anyone.
  app.use('*', async (c, next) => {
    c.set(
      'viewer',
      await resolveViewer(
        {
          localToken: c.req.header(LOCAL_TOKEN_HEADER),
          session: readCookie(c.req.header('cookie'), SESSION_COOKIE),
          authorization: c.req.header('authorization'),
        },
        services,
        localToken,
      ),
    );
    checkCsrf(c.req, c.get('viewer'));
    refuseBeforeEnrolment(c.get('viewer'), c.req.path.replace(/^\/api(?=\/)/, ''));
    await refuseNul(c.req);
    await next();
  });
  const signedIn = (viewer: Viewer): Viewer => {
    if (viewer.kind === 'anonymous') {
      throw new AppError('unauthorized', 'log in to see ingest runs');
    }
    return viewer;
  };

  app.notFound((c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      responses: {
        200: { description: 'Alive', content: { 'application/json': { schema: HealthResponseSchema } } },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      request: { query: SearchRequestSchema },
      responses: {
        200: {
          description: 'Matching documents with snippets and facets',
          content: { 'application/json': { schema: SearchResponseSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await services.search.search(c.req.valid('query'), c.get('viewer')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}',
      request: { params: z.object({ id: z.string().max(100) }), query: DocumentQuerySchema },
      responses: {
        200: {
          description: 'A document with its text and the query highlights',
          content: { 'application/json': { schema: DocumentResponseSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await services.documents.get(c.req.valid('param').id, c.req.valid('query').q, c.get('viewer')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/original',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: { 200: { description: 'The original file as ingested' }, ...errorResponses },
    }),
    async (c) => {
      const original = await services.documents.getOriginal(c.req.valid('param').id, c.get('viewer'));
      const safeName = original.fileName.replace(/[^\p{L}\p{N}._-]+/gu, '_');
      return c.body(new Uint8Array(original.bytes), 200, {
        'content-type': original.mediaType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(safeName)}`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/documents/{id}/sensitivity',
      description:
        'Sets the level of a document and of single fields (author, url, outlet, fileNames, metadata.<key>). Raising needs write access; lowering is for admins and owners.',
      request: {
        params: z.object({ id: z.string().max(100) }),
        body: { content: { 'application/json': { schema: ClassifyRequestSchema } }, required: true },
      },
      responses: {
        200: {
          description: 'The levels now in force',
          content: { 'application/json': { schema: ClassifyResponseSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await services.documents.classify(c.req.valid('param').id, c.req.valid('json'), c.get('viewer')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/export',
      request: { query: ExportQuerySchema },
      responses: { 200: { description: 'The records the filter matches, as a file' }, ...errorResponses },
    }),
    (c) => {
      const q = c.req.valid('query');
      const lines = services.export.exportRecords(
        {
          type: q.type,
          format: q.format,
          query: q.q,
          languages: q.lang?.split(',').filter(Boolean),
          from: q.from,
          to: q.to,
        },
        c.get('viewer'),
      );
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await lines.next();
          if (next.done) {
            controller.close();
          } else {
            controller.enqueue(encoder.encode(next.value));
          }
        },
      });
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="longarm-${q.type}.csv"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs',
      responses: {
        200: {
          description: 'Ingest runs with their reports, newest first',
          content: { 'application/json': { schema: RunListResponseSchema } },
        },
      },
    }),
    async (c) => {
      signedIn(c.get('viewer'));
      return c.json({ runs: await services.ingest.listRuns() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: {
          description: 'One ingest run with its full report',
          content: { 'application/json': { schema: RunResponseSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      signedIn(c.get('viewer'));
      return c.json(await services.ingest.getRun(c.req.valid('param').id), 200);
    },
  );

  registerRelatedRoutes(app, services);
  registerReviewRoutes(app, services);
  registerEntityRoutes(app, services);
  app.route('/auth', createAuthRoutes(services));
  app.route('/audit', createAuditRoutes(services));
  app.route('/users', createUserRoutes(services));
  if (localToken) {
    app.route('/local', createLocalRoutes(services, localToken));
  }

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'longarm API',
      version: '0.1.0',
      description: 'Search and read the evidence base of a longarm workspace.',
    },
  });
  return app;
}
