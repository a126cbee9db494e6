import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ERROR_RESPONSES } from './openapi-errors.ts';
import {
  CandidatesQuerySchema,
  CandidatesResponseSchema,
  JudgementRequestSchema,
  JudgementResponseSchema,
  MatchQueryParamsSchema,
  MatchRequestSchema,
  MatchResponseSchema,
  SplitResponseSchema,
} from '@longarm/contracts';
import { AppError, type MatchQuery, type Services, type Viewer } from '@longarm/core';

const errors = ERROR_RESPONSES;
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });

/**
 * Entity resolution: the review queue of candidate pairs (signed-in callers; pairs with an entity
 * the caller may not read are never shown), judgements and splits (reviewers and up), and POST
 * /match, shaped like yente's, over the entities the caller may read.
 */
export function registerEntityRoutes(
  app: OpenAPIHono<{ Variables: { viewer: Viewer } }>,
  services: Services,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/entities/candidates',
      request: { query: CandidatesQuerySchema },
      responses: {
        200: {
          description: 'Pairs of entities that may be the same, best score first, with the explanation',
          content: { 'application/json': { schema: CandidatesResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (viewer.kind === 'anonymous') {
        throw new AppError('unauthorized', 'log in to see the entity review queue');
      }
      const q = c.req.valid('query');
      return c.json(
        await services.resolution.listCandidates(
          { limit: q.limit, offset: q.offset, ...(q.minScore === undefined ? {} : { minScore: q.minScore }) },
          viewer,
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/entities/judgements',
      request: { body: json(JudgementRequestSchema) },
      responses: {
        200: {
          description: 'The judgement as recorded; "same" merges right into left',
          content: { 'application/json': { schema: JudgementResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const j = await services.resolution.judge(
        { left: body.left, right: body.right, verdict: body.verdict, note: body.note ?? null },
        c.get('viewer'),
      );
      return c.json({ ...j, explanation: { ...j.explanation } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/entities/{id}/split',
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: {
        200: {
          description: 'The merge of this entity undone: its names and mentions are its own again',
          content: { 'application/json': { schema: SplitResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => c.json(await services.resolution.split(c.req.valid('param').id, c.get('viewer')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/match',
      request: { query: MatchQueryParamsSchema, body: json(MatchRequestSchema) },
      responses: {
        200: {
          description: 'For each query id, the best matching entities with score and explanation',
          content: { 'application/json': { schema: MatchResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const params = c.req.valid('query');
      const queries = c.req.valid('json').queries as Record<string, MatchQuery>;
      const out = await services.resolution.match(
        queries,
        { limit: params.limit, ...(params.threshold === undefined ? {} : { threshold: params.threshold }) },
        c.get('viewer'),
      );
      const responses = Object.fromEntries(
        Object.entries(out).map(([id, r]) => [id, { status: 200, total: r.total, results: r.results }]),
      );
      return c.json({ responses }, 200);
    },
  );
}
