import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ERROR_RESPONSES } from './openapi-errors.ts';
import {
  ReviewBulkResponseSchema,
  ReviewBulkSchema,
  ReviewDecisionSchema,
  ReviewItemSchema,
  ReviewListResponseSchema,
  ReviewQuerySchema,
} from '@longarm/contracts';
import { AppError, type Services, type Viewer } from '@longarm/core';

const errors = ERROR_RESPONSES;

/** Validates a JSON body here too: a body sent with another content type skips the route's validator. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown, shape: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new AppError('invalid_input', `invalid request: ${issues.join('; ')}; the body is ${shape}`);
  }
  return parsed.data;
}

/**
 * Request bodies are described to OpenAPI as plain JSON Schema and validated in the handler: a
 * zod body schema would make the router refuse other content types with an exception of its own
 * (a 500 here) before our error handling sees the request.
 */
const jsonBody = (schema: z.ZodType) => ({
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown> },
  },
});

const DECISION_SHAPE =
  '{"action": "accept" | "reject" | "edit", "note"?: "…", "correction"?: {"start", "end", "type", "value"}} (JSON)';

/**
 * The review queue: GET /review lists the machine's suggestions the caller may read (signed-in
 * callers only); POST /review/{id} and POST /review/bulk record decisions, for reviewers and the
 * roles above them. A suggestion on a document the caller cannot read answers 404.
 */
export function registerReviewRoutes(
  app: OpenAPIHono<{ Variables: { viewer: Viewer } }>,
  services: Services,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/review',
      request: { query: ReviewQuerySchema },
      responses: {
        200: {
          description: 'Suggestions by document and position, with their review status',
          content: { 'application/json': { schema: ReviewListResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await services.review.list(q, c.get('viewer')), 200);
    },
  );

  // Registered before /review/{id}, which would otherwise take "bulk" as an id.
  app.openapi(
    createRoute({
      method: 'post',
      path: '/review/bulk',
      request: { body: jsonBody(ReviewBulkSchema) },
      responses: {
        200: {
          description: 'The suggestions after the decision (all or none are changed)',
          content: { 'application/json': { schema: ReviewBulkResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      services.review.requireReviewer(viewer);
      const body = parseBody(
        ReviewBulkSchema,
        await c.req.json().catch(() => undefined),
        '{"ids": ["…"], "action": "accept" | "reject", "note"?: "…"} (JSON)',
      );
      const items = await services.review.decideMany(
        body.ids,
        { action: body.action, ...(body.note === undefined ? {} : { note: body.note }) },
        viewer,
      );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/review/{id}',
      request: {
        params: z.object({ id: z.string().max(100) }),
        body: jsonBody(ReviewDecisionSchema),
      },
      responses: {
        200: {
          description: 'The suggestion with the decision recorded',
          content: { 'application/json': { schema: ReviewItemSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      services.review.requireReviewer(c.get('viewer'));
      const body = parseBody(ReviewDecisionSchema, await c.req.json().catch(() => undefined), DECISION_SHAPE);
      const item = await services.review.decide(
        c.req.valid('param').id,
        {
          action: body.action,
          ...(body.note === undefined ? {} : { note: body.note }),
          ...(body.action === 'edit' ? { correction: body.correction } : {}),
        },
        c.get('viewer'),
      );
      return c.json(item, 200);
    },
  );
}
