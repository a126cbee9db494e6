/** Documents found inside other documents (archive entries, e-mail attachments) point at their parent. */
export const CHILDREN_SQL = /* sql */ `
alter table documents add column parent_id text references documents(id) on delete cascade;
alter table documents add column path_in_parent text;
create index documents_parent_idx on documents (parent_id);
`;
