/**
 * Field-level sensitivity: a level for one field of one record, above the record's own level.
 * One table for every kind of record (documents now; incidents, entities and list entries as
 * they arrive), read in one query for a page of records.
 */
export const FIELD_SENSITIVITY_SQL = /* sql */ `
create table field_sensitivity (
  record_kind  text not null,
  record_id    text not null,
  field        text not null,
  level        text not null check (level in ('public','internal','restricted','protected')),
  set_by       text,
  set_at       timestamptz not null default now(),
  primary key (record_kind, record_id, field)
);
`;
