/**
 * Extraction after indexing, and the review queue over its suggestions.
 *
 * Documents gain the time they were extracted and, when the extractor threw, the reason (their
 * `state` becomes `extracted` or `extract_failed`). Mentions and claims gain: the sensitivity of
 * the document they come from (store queries filter on it), who made them (`origin`: machine or
 * human), and a review decision (`review_status` pending / accepted / rejected / edited, with
 * `decided_by`, `decided_at`, `review_note`). An edit keeps the machine's row as it was and puts
 * the reviewer's version in `corrected`. Human-made rows have no review status. Claims also keep
 * the quoted evidence text and the extractor's name. Entities are found again by
 * `metadata->>'name_key'` (type + normalised name), indexed here without a new entity column.
 */
export const EXTRACTION_SQL = /* sql */ `
alter table documents add column extracted_at timestamptz;
alter table documents add column extract_error text;
create index documents_to_extract_idx on documents (created_at, id) where state = 'indexed';

alter table mentions add column sensitivity text not null default 'internal'
  check (sensitivity in ('public','internal','restricted','protected'));
alter table mentions add column origin text not null default 'human' check (origin in ('machine','human'));
alter table mentions add column review_status text
  check (review_status in ('pending','accepted','rejected','edited'));
alter table mentions add column decided_by text;
alter table mentions add column decided_at timestamptz;
alter table mentions add column review_note text;
alter table mentions add column corrected jsonb;
alter table mentions add column details jsonb not null default '{}';
alter table mentions add column suggestion_key text;
alter table mentions add constraint mentions_machine_reviewed check (origin = 'human' or review_status is not null);
create index mentions_review_idx on mentions (review_status, document_id) where origin = 'machine';

alter table claims add column sensitivity text not null default 'internal'
  check (sensitivity in ('public','internal','restricted','protected'));
alter table claims add column origin text not null default 'human' check (origin in ('machine','human'));
alter table claims add column review_status text
  check (review_status in ('pending','accepted','rejected','edited'));
alter table claims add column decided_by text;
alter table claims add column decided_at timestamptz;
alter table claims add column review_note text;
alter table claims add column corrected jsonb;
alter table claims add column extractor text;
alter table claims add column quote text;
alter table claims add column suggestion_key text;
alter table claims add constraint claims_machine_reviewed check (origin = 'human' or review_status is not null);
create index claims_document_idx on claims (document_id);
create index claims_review_idx on claims (review_status, document_id) where origin = 'machine';

create index entities_name_key_idx on entities (type, (metadata->>'name_key'));
`;
