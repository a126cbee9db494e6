import { existsSync, mkdirSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../domain/errors.ts';
import { acquireDataLock, type DataLock } from './lock.ts';
import { migrate } from './migrate.ts';

/** The one SQL surface the store uses; PGlite and node-postgres both sit behind it. */
export interface Db {
  readonly engine: 'pglite' | 'postgres';
  /** The data-folder lock of an embedded database (absent on PostgreSQL and in memory). */
  readonly lock?: DataLock;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget =
  | { kind: 'pglite'; dataDir: string; holder?: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; schema?: string };

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(
    fn: (tx: { query: PgliteLike['query']; exec: PgliteLike['exec'] }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

async function createPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<PgliteLike> {
  const [{ PGlite }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  return await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm, unaccent },
  });
}

function wrapPglite(pg: PgliteLike, onClose: () => void): Db {
  const make = (q: Pick<PgliteLike, 'query' | 'exec'>, inTx: boolean): Db => ({
    engine: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params ?? [])).rows,
    exec: async (sql: string) => {
      await q.exec(sql);
    },
    transaction: async <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
      inTx ? fn(make(q, true)) : pg.transaction((tx) => fn(make(tx, true))),
    close: async () => {
      if (!inTx) {
        await pg.close();
        onClose();
      }
    },
  });
  return make(pg, false);
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  const { default: pg } = await import('pg');
  // Dates and numerics come back as text so PGlite and PostgreSQL return the same shapes.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === 1082 || oid === 1114 || oid === 1184 || oid === 1700) {
        return (v: string) => v;
      }
      if (oid === 20) {
        return (v: string) => Number(v);
      }
      return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types: types,
    // A schema of its own per test file keeps parallel test files apart.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end();
    throw new AppError(
      'unavailable',
      `cannot reach the PostgreSQL server in DATABASE_URL: ${(e as Error).message}`,
      {},
      {
        cause: e,
      },
    );
  }
  const make = (
    client: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> },
    inTx: boolean,
  ): Db => ({
    engine: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params ?? [])).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
    transaction: async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
      if (inTx) {
        return fn(make(client, true));
      }
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const result = await fn(make(conn, true));
        await conn.query('commit');
        return result;
      } catch (e) {
        await conn.query('rollback');
        throw e;
      } finally {
        conn.release();
      }
    },
    close: async () => {
      if (!inTx) {
        await pool.end();
      }
    },
  });
  return make(pool, false);
}

/**
 * Creates a new PGlite folder crash-safely: initialise in a temporary sibling, migrate, close,
 * then rename into place. A kill at any moment leaves either no folder or a complete one.
 */
async function initialisePgliteFolder(dataDir: string): Promise<void> {
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const prefix = `.${basename(dataDir)}.init-`;
  for (const leftover of readdirSync(parent).filter((f) => f.startsWith(prefix))) {
    rmSync(join(parent, leftover), { recursive: true, force: true });
  }
  const tmp = join(parent, `${prefix}${process.pid}`);
  const pg = await createPglite(tmp);
  const db = wrapPglite(pg, () => undefined);
  await migrate(db);
  await db.close();
  renameSync(tmp, dataDir);
}

/** Opens the database and applies pending migrations. */
export async function openDb(target: DbTarget): Promise<Db> {
  switch (target.kind) {
    case 'postgres': {
      const db = await openPostgres(target.url, target.schema);
      await migrate(db);
      return db;
    }
    case 'pglite-memory': {
      const db = wrapPglite(await createPglite(undefined, target.loadDataDir), () => undefined);
      await migrate(db);
      return db;
    }
    case 'pglite': {
      const root = resolve(target.dataDir);
      mkdirSync(root, { recursive: true });
      const lock: DataLock = acquireDataLock(root, target.holder ?? 'longarm');
      try {
        const pgDir = join(root, 'pg');
        if (existsSync(pgDir) && !existsSync(join(pgDir, 'PG_VERSION'))) {
          throw new AppError(
            'unavailable',
            `the database folder ${pgDir} is incomplete (no PG_VERSION); move it aside and run the command again to create a new one`,
          );
        }
        if (!existsSync(pgDir)) {
          await initialisePgliteFolder(pgDir);
        }
        let pg: PgliteLike;
        try {
          pg = await createPglite(pgDir);
        } catch (e) {
          throw new AppError(
            'unavailable',
            `cannot open the database in ${pgDir}: ${(e as Error).message}. If a process was killed while writing, restore a backup of the folder or move it aside`,
            {},
            { cause: e },
          );
        }
        const db = { ...wrapPglite(pg, () => lock.release()), lock };
        await migrate(db);
        return db;
      } catch (e) {
        lock.release();
        throw e;
      }
    }
  }
}

/** A migrated, empty in-memory PGlite as a data-folder dump; tests restore it instead of migrating. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const pg = await createPglite(undefined);
  const db = wrapPglite(pg, () => undefined);
  await migrate(db);
  const dump = await (pg as unknown as { dumpDataDir(c: 'none'): Promise<Blob> }).dumpDataDir('none');
  await db.close();
  return dump;
}
