import { z } from 'zod';

/** Entity resolution over HTTP: the review queue of candidate pairs, judgements, splits, and /match. */

const FeatureSchema = z.object({ name: z.string(), value: z.number(), weight: z.number(), note: z.string() });

export const CandidatesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  minScore: z.coerce.number().min(0).max(1).optional(),
});

const EntitySummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  sensitivity: z.string(),
});

export const CandidatesResponseSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  pairs: z.array(
    z.object({
      left: EntitySummarySchema,
      right: EntitySummarySchema,
      score: z.number(),
      explanation: z.object({
        leftName: z.string(),
        rightName: z.string(),
        threshold: z.number(),
        features: z.array(FeatureSchema),
      }),
      lastVerdict: z.enum(['same', 'different', 'unsure']).nullable(),
    }),
  ),
});
export type CandidatesResponse = z.infer<typeof CandidatesResponseSchema>;

const EntityIdSchema = z.string().min(1).max(100);

export const JudgementRequestSchema = z.object({
  left: EntityIdSchema,
  right: EntityIdSchema,
  verdict: z.enum(['same', 'different', 'unsure']),
  note: z.string().max(2000).nullable().optional(),
});
export type JudgementRequest = z.infer<typeof JudgementRequestSchema>;

export const JudgementResponseSchema = z.object({
  id: z.string(),
  leftId: z.string(),
  rightId: z.string(),
  verdict: z.enum(['same', 'different', 'unsure']),
  score: z.number().nullable(),
  explanation: z.record(z.string(), z.unknown()),
  decidedBy: z.string(),
  decidedAt: z.string(),
  note: z.string().nullable(),
  mergeId: z.string().nullable().describe('set when a "same" verdict merged right into left'),
});

export const SplitResponseSchema = z.object({
  mergeId: z.string(),
  entityId: z.string(),
  from: z.string(),
  names: z.number().int(),
  mentions: z.number().int(),
});

const propertyValues = z.union([z.string().max(1000), z.array(z.string().max(1000)).max(50)]);

/** Close to yente's /match: queries by id, each a FollowTheMoney-like entity. */
export const MatchRequestSchema = z.object({
  queries: z
    .record(
      z.string().min(1).max(200),
      z.object({
        schema: z.string().max(100).optional(),
        properties: z
          .object({
            name: propertyValues,
            alias: propertyValues.optional(),
            birthDate: propertyValues.optional(),
            country: propertyValues.optional(),
          })
          .loose(),
      }),
    )
    .refine((q) => Object.keys(q).length >= 1 && Object.keys(q).length <= 100, {
      message: 'give 1 to 100 queries',
    }),
});
export type MatchRequest = z.infer<typeof MatchRequestSchema>;

export const MatchQueryParamsSchema = z.object({
  threshold: z.coerce.number().min(0).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(5),
});

export const MatchResponseSchema = z.object({
  responses: z.record(
    z.string(),
    z.object({
      status: z.number().int(),
      total: z.number().int(),
      results: z.array(
        z.object({
          id: z.string(),
          schema: z.string(),
          caption: z.string(),
          score: z.number(),
          match: z.boolean(),
          explanation: z.object({
            queryName: z.string(),
            matchedName: z.string(),
            features: z.array(FeatureSchema),
          }),
        }),
      ),
    }),
  ),
});
export type MatchResponse = z.infer<typeof MatchResponseSchema>;
