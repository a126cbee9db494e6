import { z } from 'zod';
import { ErrorCodeSchema } from './common.schema.ts';

/** What an ingest run did with each file; paths inside containers read `archive.zip!/inner.txt`. */
export const IngestReportSchema = z.object({
  ingested: z.array(
    z.object({
      path: z.string(),
      id: z.string(),
      sha256: z.string(),
      language: z.string(),
      title: z.string(),
    }),
  ),
  duplicates: z.array(z.object({ path: z.string(), id: z.string(), of: z.string() })),
  failed: z.array(z.object({ path: z.string(), code: ErrorCodeSchema, message: z.string() })),
  warnings: z
    .array(
      z.object({
        path: z.string(),
        code: ErrorCodeSchema,
        message: z.string(),
        where: z.string().optional(),
      }),
    )
    .optional(),
});
export type IngestReport = z.infer<typeof IngestReportSchema>;

export const RunResponseSchema = z.object({
  id: z.string(),
  command: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable().describe('null while running, or when the process was stopped'),
  report: IngestReportSchema.partial(),
});
export type RunResponse = z.infer<typeof RunResponseSchema>;

export const RunListResponseSchema = z.object({ runs: z.array(RunResponseSchema) });
export type RunListResponse = z.infer<typeof RunListResponseSchema>;
