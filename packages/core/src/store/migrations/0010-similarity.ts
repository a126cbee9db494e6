/**
 * Identity beyond exact bytes: MinHash signatures with their LSH band hashes (near duplicates), the
 * language-independent story keys of each document with an inverted index (key → documents), the
 * near-duplicate groups and story clusters found from them, and which documents were processed.
 */
export const SIMILARITY_SQL = /* sql */ `
create table similarity_processed (
  document_id   text primary key references documents(id) on delete cascade,
  processed_at  timestamptz not null default now()
);

create table minhash_signatures (
  document_id  text primary key references documents(id) on delete cascade,
  signature    bytea not null,
  shingles     integer not null
);

create table minhash_bands (
  band         smallint not null,
  hash         integer not null,
  document_id  text not null references documents(id) on delete cascade,
  primary key (band, hash, document_id)
);
create index minhash_bands_document_idx on minhash_bands (document_id);

-- group_id is the id of the group's first member; jaccard is the estimate against it.
create table near_duplicates (
  document_id  text primary key references documents(id) on delete cascade,
  group_id     text not null,
  jaccard      real not null
);
create index near_duplicates_group_idx on near_duplicates (group_id);

create table story_features (
  document_id  text primary key references documents(id) on delete cascade,
  keys         jsonb not null
);

create table story_keys (
  key          text not null,
  document_id  text not null references documents(id) on delete cascade,
  primary key (key, document_id)
);
create index story_keys_document_idx on story_keys (document_id);

-- cluster_id is the id of the cluster's first member; evidence: the best match when it joined.
create table story_clusters (
  document_id  text primary key references documents(id) on delete cascade,
  cluster_id   text not null,
  score        real not null default 0,
  evidence     jsonb not null default '{}'::jsonb
);
create index story_clusters_cluster_idx on story_clusters (cluster_id);
`;
