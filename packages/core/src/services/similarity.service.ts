import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import { AppError } from '../domain/errors.ts';
import type { Extraction } from '../pipeline/extract/types.ts';
import {
  estimateJaccard,
  fingerprint,
  lshBands,
  signatureFromBytes,
  signatureToBytes,
} from '../pipeline/similarity/minhash.ts';
import {
  compareStories,
  idfOf,
  isBlockingKey,
  storyKeys,
  type StoryKey,
  type StoryMatch,
} from '../pipeline/similarity/story.ts';
import type { Db } from '../store/db.ts';
import { getDocument } from '../store/documents.store.ts';
import {
  existingDocuments,
  findBandCandidatesBatch,
  getClusters,
  getNearDuplicateGroups,
  getSignatures,
  getStoryFeatures,
  isProcessed,
  keyFrequencies,
  keyPostings,
  listRelated,
  listUnprocessed,
  processedAmong,
  writeSimilarityBatch,
  type SimilarityBatchRow,
} from '../store/similarity.store.ts';
import type { AuditService } from './audit.service.ts';

/** Estimated Jaccard similarity of shingle sets from which two documents are near duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** Characters of a document's text that are fingerprinted, and that the extractor reads. */
const MAX_FINGERPRINT_CHARS = 2_000_000;
const MAX_EXTRACT_CHARS = 100_000;
const BATCH = 200;
const BAND_CANDIDATES = 20;
const STORY_CANDIDATES = 50;
const RELATED_LIMIT = 50;
/** Serialises writers of the similarity tables (several `longarm worker` processes on PostgreSQL). */
const LOCK_KEY = 0x51_4d_48;

export interface SimilarityReport {
  processed: number;
  /** Documents that joined an existing near-duplicate group. */
  nearDuplicates: number;
  /** Documents that joined an existing story cluster. */
  storyLinks: number;
  /** Milliseconds spent, summed over the documents: shingling + MinHash, extraction + keys, database. */
  timings: { minhashMs: number; featuresMs: number; storeMs: number };
}

export interface RelatedEvidence {
  kind: string;
  key: string;
  label: string;
}

export interface RelatedDocuments {
  id: string;
  /** False until updateSimilarity has seen the document (both lists are then empty). */
  processed: boolean;
  nearDuplicates: { id: string; title: string; language: string; jaccard: number }[];
  sameStory: {
    id: string;
    title: string;
    language: string;
    score: number;
    kinds: string[];
    shared: RelatedEvidence[];
  }[];
}

export interface SimilarityService {
  /**
   * Fingerprints and story keys for every document not yet processed (or only those of
   * `documentIds`), then near-duplicate groups and story clusters. Call it after ingest; safe to
   * call again (processed documents are skipped).
   */
  updateSimilarity(documentIds?: readonly string[]): Promise<SimilarityReport>;
  /** Near duplicates and same-story documents the viewer may see, with the evidence. @throws not_found */
  related(id: string, viewer?: Viewer): Promise<RelatedDocuments>;
}

type Extract = (text: string, language: string) => Extraction;

const evidenceOf = (m: StoryMatch): RelatedEvidence[] =>
  m.shared.map((k) => ({ kind: k.kind, key: k.key, label: k.label }));

export function createSimilarityService({ db, audit }: { db: Db; audit?: AuditService }): SimilarityService {
  let extractor: Promise<Extract> | undefined;
  // Loaded on first use: the gazetteers and date parsers cost ≈0.3 s.
  const loadExtractor = (): Promise<Extract> =>
    (extractor ??= import('../pipeline/extract/extract.stage.ts').then((m) => m.extractAll));

  /** IDF of every key of the given documents' keys, counted over processed documents. */
  const idfFor = async (tx: Db, keyLists: readonly (readonly StoryKey[])[], extra = 0) => {
    const all = [...new Set(keyLists.flatMap((ks) => ks.map((k) => k.key)))];
    const { documents, df } = await keyFrequencies(tx, all);
    return {
      documents: documents + extra,
      df: (key: string) => (df.get(key) ?? 0) + extra,
      idf: (key: string) => idfOf(documents + extra, (df.get(key) ?? 0) + extra),
    };
  };

  interface Prepared {
    id: string;
    fp: ReturnType<typeof fingerprint>;
    bands?: Int32Array;
    keys: StoryKey[];
  }

  /**
   * One batch under the lock, in the order of `docs` and with the same outcome as one document at a
   * time: candidates come from the stored tables (one query each for the whole batch) and from the
   * batch's earlier documents, groups and clusters are resolved in memory, then written at once.
   */
  const processBatch = async (
    tx: Db,
    docs: readonly Prepared[],
  ): Promise<{ processed: number; nearDuplicates: number; storyLinks: number }> => {
    const done = await processedAmong(
      tx,
      docs.map((d) => d.id),
    );
    const alive = await existingDocuments(
      tx,
      docs.map((d) => d.id),
    );
    // Another process may have done some while this one waited for the lock; deleted ones are skipped.
    const todo = docs.filter((d) => !done.has(d.id) && alive.has(d.id));
    const result = { processed: todo.length, nearDuplicates: 0, storyLinks: 0 };
    if (todo.length === 0) {
      return result;
    }

    // Near duplicates: stored band matches for the whole batch, plus the batch's own band table.
    const stored = await findBandCandidatesBatch(
      tx,
      todo.flatMap((d) => (d.bands ? [{ id: d.id, bands: d.bands }] : [])),
    );
    const storedIds = [...new Set([...stored.values()].flatMap((m) => [...m.keys()]))];
    const storedGroups = await getNearDuplicateGroups(tx, storedIds);
    const sigBytes = await getSignatures(tx, [...new Set([...storedIds, ...storedGroups.values()])]);
    const sigs = new Map([...sigBytes].map(([id, b]) => [id, signatureFromBytes(b)]));
    const groups = new Map(storedGroups);
    const batchBands = new Map<string, string[]>();

    // Stories: document frequencies and postings of every key of the batch in one query each.
    const batchKeys = [...new Set(todo.flatMap((d) => d.keys.map((k) => k.key)))];
    const freq = await keyFrequencies(tx, batchKeys);
    const batchDf = new Map<string, number>();
    const dfNow = (key: string) => (freq.df.get(key) ?? 0) + (batchDf.get(key) ?? 0);
    // A key above the rare limit at the end of the batch is never used: its postings are not read.
    const maxRare = Math.min(1000, Math.max(25, (freq.documents + todo.length) * 0.01));
    const postings = await keyPostings(
      tx,
      batchKeys.filter((k) => (freq.df.get(k) ?? 0) + 1 <= maxRare),
    );
    const batchPostings = new Map<string, string[]>();
    const features = new Map<string, StoryKey[]>();
    const candidatesOf = new Map<string, string[]>();
    const rareDocs: number[] = [];

    // First pass (no cluster state needed): story candidates of each document, in order.
    todo.forEach((d, i) => {
      const documents = freq.documents + i + 1;
      rareDocs.push(documents);
      const rareLimit = Math.min(1000, Math.max(25, documents * 0.01));
      const counts = new Map<string, number>();
      for (const k of new Set(d.keys.filter(isBlockingKey).map((x) => x.key))) {
        if (dfNow(k) + 1 > rareLimit) {
          continue;
        }
        for (const other of [...(postings.get(k) ?? []), ...(batchPostings.get(k) ?? [])]) {
          if (other !== d.id) {
            counts.set(other, (counts.get(other) ?? 0) + 1);
          }
        }
      }
      candidatesOf.set(
        d.id,
        [...counts]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .slice(0, STORY_CANDIDATES)
          .map(([id]) => id),
      );
      for (const k of new Set(d.keys.map((x) => x.key))) {
        batchDf.set(k, (batchDf.get(k) ?? 0) + 1);
        const list = batchPostings.get(k);
        if (list) {
          list.push(d.id);
        } else {
          batchPostings.set(k, [d.id]);
        }
      }
      features.set(d.id, d.keys);
    });
    const batchIds = new Set(todo.map((d) => d.id));
    const storedCandidates = [...new Set([...candidatesOf.values()].flat())].filter(
      (id) => !batchIds.has(id),
    );
    for (const [id, keys] of await getStoryFeatures(tx, storedCandidates)) {
      features.set(id, keys as StoryKey[]);
    }
    const extraKeys = [
      ...new Set(storedCandidates.flatMap((id) => (features.get(id) ?? []).map((k) => k.key))),
    ].filter((k) => !freq.df.has(k) && !batchDf.has(k));
    const extraDf = (await keyFrequencies(tx, extraKeys)).df;
    for (const [k, n] of extraDf) {
      freq.df.set(k, n);
    }
    const storedClusters = await getClusters(tx, storedCandidates);
    // Cluster ids renamed by merges (union-find by relabelling), resolved to the current name.
    const renamed = new Map<string, string>();
    const find = (c: string): string => {
      let x = c;
      while (renamed.has(x)) {
        x = renamed.get(x)!;
      }
      return x;
    };
    const clusters = new Map(storedClusters);
    const rows: SimilarityBatchRow[] = [];
    // Document frequencies as they were when each document came: stored ones plus the batch's earlier.
    const dfBefore = new Map<string, number>();

    todo.forEach((d, i) => {
      let signature: SimilarityBatchRow['signature'];
      if (d.fp && d.bands) {
        const shared = new Map(stored.get(d.id) ?? []);
        d.bands.forEach((hash, band) => {
          for (const other of batchBands.get(`${band}:${hash}`) ?? []) {
            shared.set(other, (shared.get(other) ?? 0) + 1);
          }
        });
        const candidates = [...shared]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .slice(0, BAND_CANDIDATES);
        let best: { id: string; jaccard: number } | undefined;
        for (const [other] of candidates) {
          const sig = sigs.get(other);
          if (!sig) {
            continue;
          }
          const jaccard = estimateJaccard(d.fp.signature, sig);
          if (!best || jaccard > best.jaccard) {
            best = { id: other, jaccard };
          }
        }
        let groupId = d.id;
        let jaccard = 1;
        if (best && best.jaccard >= NEAR_DUPLICATE_JACCARD) {
          groupId = groups.get(best.id) ?? best.id;
          const first = sigs.get(groupId);
          jaccard = first ? estimateJaccard(d.fp.signature, first) : best.jaccard;
          result.nearDuplicates += 1;
        }
        signature = {
          bytes: signatureToBytes(d.fp.signature),
          shingles: d.fp.shingles,
          bands: d.bands,
          groupId,
          jaccard,
        };
        groups.set(d.id, groupId);
        sigs.set(d.id, d.fp.signature);
        d.bands.forEach((hash, band) => {
          const k = `${band}:${hash}`;
          const list = batchBands.get(k);
          if (list) {
            list.push(d.id);
          } else {
            batchBands.set(k, [d.id]);
          }
        });
      }

      // Frequencies as of this document: stored ones plus the batch's earlier documents, plus itself.
      const documents = rareDocs[i] ?? freq.documents + 1;
      const idf = (key: string) => {
        let n = dfBefore.get(key);
        if (n === undefined) {
          n = freq.df.get(key) ?? 0;
          dfBefore.set(key, n);
        }
        return idfOf(documents, n + 1);
      };
      const matches = (candidatesOf.get(d.id) ?? [])
        .map((other) => ({ other, m: compareStories(d.keys, features.get(other) ?? [], idf) }))
        .filter((x) => x.m.same)
        .sort((a, b) => b.m.score - a.m.score || a.other.localeCompare(b.other));
      const top = matches[0];
      let clusterId = d.id;
      let score = 0;
      let evidence: Record<string, unknown> = {};
      if (top) {
        const target = find(clusters.get(top.other) ?? top.other);
        for (const x of matches) {
          const c = find(clusters.get(x.other) ?? x.other);
          if (c !== target) {
            renamed.set(c, target);
          }
        }
        clusterId = target;
        score = top.m.score;
        evidence = { with: top.other, score: top.m.score, kinds: top.m.kinds, shared: evidenceOf(top.m) };
        result.storyLinks += 1;
      }
      clusters.set(d.id, clusterId);
      rows.push({ id: d.id, signature, keys: d.keys, clusterId, score, evidence });
      // This document now counts in the frequencies of the ones after it.
      for (const k of new Set(d.keys.map((x) => x.key))) {
        dfBefore.set(k, (dfBefore.get(k) ?? freq.df.get(k) ?? 0) + 1);
      }
    });
    // Batch rows carry their final cluster; stored rows are renamed in one update.
    for (const r of rows) {
      r.clusterId = find(r.clusterId);
    }
    const relabel = new Map([...renamed.keys()].map((c) => [c, find(c)]));
    await writeSimilarityBatch(tx, rows, relabel);
    return result;
  };

  return {
    async updateSimilarity(documentIds) {
      const report: SimilarityReport = {
        processed: 0,
        nearDuplicates: 0,
        storyLinks: 0,
        timings: { minhashMs: 0, featuresMs: 0, storeMs: 0 },
      };
      const extract = await loadExtractor();
      let fkRetries = 0;
      for (;;) {
        // A stored batch is marked processed (and a deleted document is gone), so none comes back.
        const batch = await listUnprocessed(db, BATCH, documentIds);
        if (batch.length === 0) {
          break;
        }
        let t: number;
        const prepared: Prepared[] = [];
        for (const doc of batch) {
          t = performance.now();
          const fp = fingerprint(doc.text.slice(0, MAX_FINGERPRINT_CHARS));
          report.timings.minhashMs += performance.now() - t;
          t = performance.now();
          const keys = storyKeys(extract(doc.text.slice(0, MAX_EXTRACT_CHARS), doc.language));
          report.timings.featuresMs += performance.now() - t;
          prepared.push({ id: doc.id, fp, bands: fp ? lshBands(fp.signature) : undefined, keys });
        }
        t = performance.now();
        try {
          const r = await db.transaction(async (tx) => {
            await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
            return processBatch(tx, prepared);
          });
          report.processed += r.processed;
          report.nearDuplicates += r.nearDuplicates;
          report.storyLinks += r.storyLinks;
        } catch (e) {
          // A document deleted between the check and the insert (foreign key): the batch is tried
          // again without it, at most a few times; anything else is a real failure.
          if (!(e instanceof Error && /foreign key/i.test(e.message)) || (fkRetries += 1) > 3) {
            const first = prepared[0]?.id ?? '';
            throw new AppError(
              'internal',
              `similarity of a batch of ${prepared.length} documents (first ${first}) could not be stored: ${(e as Error).message}; run updateSimilarity again`,
              { id: first },
              { cause: e },
            );
          }
        }
        report.timings.storeMs += performance.now() - t;
      }
      return report;
    },

    async related(id, viewer = LOCAL_VIEWER) {
      const visible = visibleTo(viewer);
      // Answers exactly like GET /documents/:id for a document that is missing or hidden.
      const doc = await getDocument(db, id, visible);
      if (doc.sensitivity === 'restricted' || doc.sensitivity === 'protected') {
        await audit?.append(viewer, { action: 'document.related', recordKind: 'document', recordId: doc.id });
      }
      const processed = await isProcessed(db, doc.id);
      if (!processed) {
        return { id: doc.id, processed, nearDuplicates: [], sameStory: [] };
      }
      const near = await listRelated(db, 'near_duplicates', doc.id, visible, RELATED_LIMIT);
      const sigs = await getSignatures(db, [doc.id, ...near.map((r) => r.id)]);
      const mine = sigs.get(doc.id);
      const nearDuplicates = near
        .map((r) => {
          const other = sigs.get(r.id);
          const jaccard =
            mine && other ? estimateJaccard(signatureFromBytes(mine), signatureFromBytes(other)) : 0;
          return { id: r.id, title: r.title, language: r.language, jaccard };
        })
        .sort((a, b) => b.jaccard - a.jaccard || a.id.localeCompare(b.id));

      const nearIds = new Set(near.map((r) => r.id));
      const story = (
        await listRelated(db, 'story_clusters', doc.id, visible, RELATED_LIMIT + near.length)
      ).filter((r) => !nearIds.has(r.id));
      const features = await getStoryFeatures(db, [doc.id, ...story.map((r) => r.id)]);
      const own = (features.get(doc.id) ?? []) as StoryKey[];
      const { idf } = await idfFor(db, [...(features.values() as Iterable<StoryKey[]>)]);
      const sameStory = story
        .map((r) => {
          const m = compareStories(own, (features.get(r.id) ?? []) as StoryKey[], idf);
          return {
            id: r.id,
            title: r.title,
            language: r.language,
            score: Math.round(m.score * 1000) / 1000,
            kinds: m.kinds,
            shared: evidenceOf(m),
          };
        })
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, RELATED_LIMIT);
      return { id: doc.id, processed, nearDuplicates, sameStory };
    },
  };
}
