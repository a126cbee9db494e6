import type { Db } from './db.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** Applies every migration not yet recorded, each in its own transaction, in order. */
export async function migrate(db: Db): Promise<void> {
  await db.exec(
    'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await db.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version),
  );
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) {
      continue;
    }
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version) values ($1) on conflict do nothing', [
        m.version,
      ]);
    });
  }
}
