import { z } from 'zod';
import { TextSegmentSchema } from './common.schema.ts';
import { DocumentSummarySchema } from './documents.schema.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'use a date as YYYY, YYYY-MM or YYYY-MM-DD');
const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

export const SearchRequestSchema = z.object({
  q: z.string().max(500).default(''),
  lang: listParam.optional().describe('language codes, comma-separated'),
  from: isoDate.optional().describe('published on or after'),
  to: isoDate.optional().describe('published on or before'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchRequest = z.input<typeof SearchRequestSchema>;
export type SearchParams = z.output<typeof SearchRequestSchema>;

export const SearchHitSchema = DocumentSummarySchema.extend({
  score: z.number(),
  snippet: z.array(TextSegmentSchema),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const FacetValueSchema = z.object({ value: z.string(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValueSchema>;

export const SearchResponseSchema = z.object({
  query: z.string(),
  total: z.number().int(),
  hits: z.array(SearchHitSchema),
  facets: z.object({ language: z.array(FacetValueSchema), year: z.array(FacetValueSchema) }),
  corrections: z
    .array(z.object({ from: z.string(), to: z.string(), similarity: z.number() }))
    .describe('query words that matched no document and the indexed words used instead'),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
