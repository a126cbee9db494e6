import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ERROR_RESPONSES } from './openapi-errors.ts';
import type { Services, Viewer } from '@longarm/core';

const EvidenceSchema = z.object({
  kind: z.string(),
  key: z.string(),
  label: z.string(),
});

const RelatedResponseSchema = z
  .object({
    id: z.string(),
    processed: z.boolean(),
    nearDuplicates: z.array(
      z.object({ id: z.string(), title: z.string(), language: z.string(), jaccard: z.number() }),
    ),
    sameStory: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        language: z.string(),
        score: z.number(),
        kinds: z.array(z.string()),
        shared: z.array(EvidenceSchema),
      }),
    ),
  })
  .openapi('RelatedDocuments');

const errors = ERROR_RESPONSES;

/**
 * GET /documents/{id}/related: near duplicates and same-story documents of one document, with the
 * shared evidence. Only documents the caller may read appear (or are counted); a hidden or missing
 * document answers 404 like GET /documents/{id}.
 */
export function registerRelatedRoutes(
  app: OpenAPIHono<{ Variables: { viewer: Viewer } }>,
  services: Services,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/related',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: {
          description: 'Near duplicates and documents about the same story, with the evidence',
          content: { 'application/json': { schema: RelatedResponseSchema } },
        },
        ...errors,
      },
    }),
    async (c) => c.json(await services.similarity.related(c.req.valid('param').id, c.get('viewer')), 200),
  );
}
