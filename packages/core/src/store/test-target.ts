import { randomBytes } from 'node:crypto';
import { dumpMigratedPglite, type DbTarget } from './db.ts';

let dump: Promise<Blob> | undefined;

/** Migrating costs seconds: dump a migrated PGlite once per process and restore it for every test. */
const migratedDump = (): Promise<Blob> => (dump ??= dumpMigratedPglite());

export interface TestDbTarget {
  target: DbTarget;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test: in-memory PGlite restored from a snapshot, or, when
 * TEST_DATABASE_URL is set, a schema of its own on that PostgreSQL server (dropped afterwards).
 */
export async function createTestDbTarget(
  env: Record<string, string | undefined> = process.env,
): Promise<TestDbTarget> {
  const url = env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create extension if not exists pg_trgm; create extension if not exists unaccent;');
    await client.query(`create schema ${schema}`);
    await client.end();
    return {
      target: { kind: 'postgres', url, schema },
      cleanup: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.query(`drop schema if exists pgboss_${schema} cascade`);
        await c.end();
      },
    };
  }
  return {
    target: { kind: 'pglite-memory', loadDataDir: await migratedDump() },
    cleanup: () => Promise.resolve(),
  };
}
