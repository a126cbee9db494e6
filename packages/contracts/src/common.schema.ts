import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof ReliabilitySchema>;

export const SensitivitySchema = z.enum(['public', 'internal', 'restricted', 'protected']);
export type Sensitivity = z.infer<typeof SensitivitySchema>;

/** A piece of display text; `hit` marks the words that matched the query. */
export const TextSegmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type TextSegment = z.infer<typeof TextSegmentSchema>;
