import { z } from 'zod';
import { ReliabilitySchema, SensitivitySchema } from './common.schema.ts';

export const DocumentIdSchema = z
  .string()
  .regex(/^doc_[0-9a-f]{24}$/, 'a document id looks like doc_ and 24 hex digits');

export const DocumentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  language: z.string(),
  mediaType: z.string(),
  sourceKind: z.string(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedAt: z
    .string()
    .nullable()
    .describe('ISO 8601 date; its length gives the precision (YYYY, YYYY-MM, YYYY-MM-DD)'),
  sha256: z.string(),
  byteSize: z.number().int(),
  createdAt: z.string(),
  withheld: z
    .array(z.string())
    .optional()
    .describe(
      "fields above the reader's levels: names shown as a pseudonymous id (anon-…), other values left out",
    ),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** UTF-16 offsets into `text`, as JavaScript string indices. */
export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof SpanSchema>;

export const DocumentResponseSchema = DocumentSummarySchema.extend({
  text: z.string(),
  author: z.string().nullable(),
  reliability: ReliabilitySchema.nullable(),
  sensitivity: SensitivitySchema,
  fileNames: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  highlights: z.array(SpanSchema).describe('where the words of `q` occur in `text`'),
});
export type DocumentResponse = z.infer<typeof DocumentResponseSchema>;

export const DocumentQuerySchema = z.object({ q: z.string().max(500).optional() });
export type DocumentQuery = z.infer<typeof DocumentQuerySchema>;

export const FieldLevelsSchema = z.record(z.string().max(80), SensitivitySchema);
export const ClassifyRequestSchema = z.object({
  sensitivity: SensitivitySchema.optional().describe('the level of the whole record'),
  fields: z
    .record(z.string().max(80), SensitivitySchema.nullable())
    .optional()
    .describe('levels of single fields (author, url, outlet, fileNames, metadata.<key>); null clears one'),
});
export type ClassifyRequest = z.infer<typeof ClassifyRequestSchema>;
export const ClassifyResponseSchema = z.object({
  id: z.string(),
  sensitivity: SensitivitySchema,
  fields: FieldLevelsSchema,
});
export type ClassifyResponse = z.infer<typeof ClassifyResponseSchema>;
