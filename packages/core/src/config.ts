import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './domain/errors.ts';

/** Languages OCR reads when LONGARM_OCR_LANGS is not set: tesseract codes joined by '+'. */
export const DEFAULT_OCR_LANGS = 'eng+chi_sim+chi_tra+swe+fra+nld+deu+ara+fas';
const OCR_LANGS_PATTERN = /^[a-z]{3}(?:_[a-z]+)*(?:\+[a-z]{3}(?:_[a-z]+)*)*$/i;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  LONGARM_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LONGARM_OCR_LANGS: z
    .string()
    .regex(OCR_LANGS_PATTERN, 'LONGARM_OCR_LANGS must be tesseract codes joined by +, e.g. eng+chi_sim+fas')
    .default(DEFAULT_OCR_LANGS),
  TESSDATA_PREFIX: z.string().optional(),
  LONGARM_AUDIT_KEY: z
    .string()
    .min(32, 'LONGARM_AUDIT_KEY must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  LONGARM_OWNER_EMAIL: z.string().email('LONGARM_OWNER_EMAIL must be an e-mail address').optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Holds the PGlite database (pg/), original files (blobs/) and logs (logs/). */
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** OCR languages in order of preference (LONGARM_OCR_LANGS); pass to the parse stage. */
  ocrLanguages?: string[];
  /** Extra folder with tesseract `<lang>.traineddata` files (TESSDATA_PREFIX). */
  tessdataDir?: string;
  /** The audit log's HMAC key (LONGARM_AUDIT_KEY); without it a key file in the data folder is used. */
  auditKey?: string;
  /** Login of the owner account that the first start of a server creates (LONGARM_OWNER_EMAIL). */
  ownerEmail?: string;
}

/**
 * The only reader of process.env. Fails listing every problem at once.
 * @throws invalid_input
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('invalid_input', `bad configuration: ${problems.join('; ')}`, { problems });
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.LONGARM_DATA),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    ocrLanguages: e.LONGARM_OCR_LANGS.split('+'),
    ...(e.TESSDATA_PREFIX ? { tessdataDir: resolve(e.TESSDATA_PREFIX) } : {}),
    ...(e.LONGARM_AUDIT_KEY ? { auditKey: e.LONGARM_AUDIT_KEY } : {}),
    ...(e.LONGARM_OWNER_EMAIL ? { ownerEmail: e.LONGARM_OWNER_EMAIL } : {}),
  };
}
