import { z } from 'zod';
import { SensitivitySchema } from './common.schema.ts';

/** The review queue over the machine's suggestions (mentions and claims found by extraction). */
export const ReviewKindSchema = z.enum(['mention', 'claim']);
export const ReviewStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'edited']);

export const ReviewQuerySchema = z.object({
  kind: ReviewKindSchema.optional(),
  status: ReviewStatusSchema.optional(),
  document: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ReviewQuery = z.infer<typeof ReviewQuerySchema>;

const SpanFields = {
  start: z.number().int().min(0).max(100_000_000),
  end: z.number().int().min(0).max(100_000_000),
};

export const ReviewCorrectionSchema = z
  .object({
    start: SpanFields.start.optional(),
    end: SpanFields.end.optional(),
    type: z.string().min(1).max(100).optional(),
    value: z.unknown().optional(),
  })
  .strict();

const note = z.string().max(2000).optional();

export const ReviewDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note }).strict(),
  z.object({ action: z.literal('reject'), note }).strict(),
  z.object({ action: z.literal('edit'), note, correction: ReviewCorrectionSchema }).strict(),
]);
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionSchema>;

export const ReviewBulkSchema = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1).max(500),
    action: z.enum(['accept', 'reject']),
    note,
  })
  .strict();
export type ReviewBulkRequest = z.infer<typeof ReviewBulkSchema>;

export const ReviewItemSchema = z.object({
  id: z.string(),
  kind: ReviewKindSchema,
  documentId: z.string(),
  type: z.string().describe('mention type (person, place, date …) or claim property (figure, tactic …)'),
  text: z.string().describe('the document text between start and end'),
  start: z.number().int(),
  end: z.number().int(),
  value: z.unknown(),
  entityId: z.string().nullable(),
  assertedBy: z.string().nullable(),
  sensitivity: SensitivitySchema,
  extractor: z.string(),
  status: ReviewStatusSchema,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  corrected: z
    .object({
      start: z.number().int().optional(),
      end: z.number().int().optional(),
      text: z.string().optional(),
      type: z.string().optional(),
      value: z.unknown().optional(),
    })
    .nullable(),
  createdAt: z.string(),
});
export type ReviewItemResponse = z.infer<typeof ReviewItemSchema>;

export const ReviewListResponseSchema = z.object({
  items: z.array(ReviewItemSchema),
  total: z.number().int(),
});
export const ReviewBulkResponseSchema = z.object({ items: z.array(ReviewItemSchema) });
