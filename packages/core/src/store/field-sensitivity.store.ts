import type { Sensitivity } from '@longarm/contracts';
import type { FieldLevels } from '../domain/field-sensitivity.ts';
import type { Db } from './db.ts';

/** Field levels of a page of records of one kind, in one query. */
export async function getFieldLevels(
  db: Db,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, FieldLevels>> {
  const out = new Map<string, Record<string, Sensitivity>>();
  if (ids.length === 0) {
    return out;
  }
  const rows = await db.query<{ record_id: string; field: string; level: Sensitivity }>(
    'select record_id, field, level from field_sensitivity where record_kind = $1 and record_id = any($2::text[])',
    [kind, [...ids]],
  );
  for (const r of rows) {
    const levels = out.get(r.record_id) ?? {};
    levels[r.field] = r.level;
    out.set(r.record_id, levels);
  }
  return out;
}

/** Sets (level) or clears (null) field levels of one record. */
export async function setFieldLevels(
  db: Db,
  kind: string,
  id: string,
  fields: Readonly<Record<string, Sensitivity | null>>,
  setBy: string,
): Promise<void> {
  for (const [field, level] of Object.entries(fields)) {
    if (level === null) {
      await db.query(
        'delete from field_sensitivity where record_kind = $1 and record_id = $2 and field = $3',
        [kind, id, field],
      );
    } else {
      await db.query(
        `insert into field_sensitivity (record_kind, record_id, field, level, set_by) values ($1, $2, $3, $4, $5)
         on conflict (record_kind, record_id, field) do update set level = excluded.level, set_by = excluded.set_by, set_at = now()`,
        [kind, id, field, level, setBy],
      );
    }
  }
}

/** The record-level sensitivity of a document. */
export async function setDocumentSensitivity(db: Db, id: string, level: Sensitivity): Promise<void> {
  await db.query('update documents set sensitivity = $2 where id = $1', [id, level]);
}
