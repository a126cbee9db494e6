import { INIT_SQL } from './0001-init.ts';
import { CHILDREN_SQL } from './0002-children.ts';
import { ACCOUNTS_SQL } from './0003-accounts.ts';
import { INGEST_QUEUE_SQL } from './0004-ingest-queue.ts';
import { ACCESS_SQL } from './0005-access.ts';
import { API_TOKENS_SQL } from './0006-api-tokens.ts';

/** Ordered schema migrations in the PostgreSQL dialect; shared by PGlite and PostgreSQL. */
export const MIGRATIONS: readonly { version: string; sql: string }[] = [
  { version: '0001-init', sql: INIT_SQL },
  { version: '0002-children', sql: CHILDREN_SQL },
  { version: '0003-accounts', sql: ACCOUNTS_SQL },
  { version: '0004-ingest-queue', sql: INGEST_QUEUE_SQL },
  { version: '0005-access', sql: ACCESS_SQL },
  { version: '0006-api-tokens', sql: API_TOKENS_SQL },
];
