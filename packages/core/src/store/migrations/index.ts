import { INIT_SQL } from './0001-init.ts';
import { CHILDREN_SQL } from './0002-children.ts';
import { ACCOUNTS_SQL } from './0003-accounts.ts';
import { INGEST_QUEUE_SQL } from './0004-ingest-queue.ts';
import { ACCESS_SQL } from './0005-access.ts';
import { API_TOKENS_SQL } from './0006-api-tokens.ts';
import { EXTRACTION_SQL } from './0008-extraction.ts';
import { RESOLUTION_SQL } from './0009-resolution.ts';
import { SIMILARITY_SQL } from './0010-similarity.ts';
import { FIELD_SENSITIVITY_SQL } from './0011-field-sensitivity.ts';

/** Ordered schema migrations in the PostgreSQL dialect; shared by PGlite and PostgreSQL. */
export const MIGRATIONS: readonly { version: string; sql: string }[] = [
  { version: '0001-init', sql: INIT_SQL },
  { version: '0002-children', sql: CHILDREN_SQL },
  { version: '0003-accounts', sql: ACCOUNTS_SQL },
  { version: '0004-ingest-queue', sql: INGEST_QUEUE_SQL },
  { version: '0005-access', sql: ACCESS_SQL },
  { version: '0006-api-tokens', sql: API_TOKENS_SQL },
  { version: '0008-extraction', sql: EXTRACTION_SQL },
  { version: '0009-resolution', sql: RESOLUTION_SQL },
  { version: '0010-similarity', sql: SIMILARITY_SQL },
  { version: '0011-field-sensitivity', sql: FIELD_SENSITIVITY_SQL },
];
