import { performance } from 'node:perf_hooks';
import { AppError } from '../domain/errors.ts';
import type { ExtractDeps, Extraction } from '../pipeline/extract/types.ts';
import type { IngestReport } from '../pipeline/ingest.ts';
import type { Db } from '../store/db.ts';
import {
  countDocumentsToExtract,
  documentsByIds,
  documentsToExtract,
  markExtractFailed,
  replaceSuggestions,
  type DocumentToExtract,
} from '../store/suggestions.store.ts';

/** What one extraction pass did. */
export interface ExtractionReport {
  /** Documents given mentions and claims (state `extracted`). */
  extracted: number;
  /** Documents whose extraction threw (state `extract_failed`, reason stored). */
  failed: { id: string; message: string }[];
  mentions: number;
  claims: number;
  /** Suggestions left out because a reviewer already decided about the same one. */
  keptDecisions: number;
  /** Indexed documents still waiting after this pass. */
  remaining: number;
  /** Time spent in the extractor alone (CPU), and in the whole pass. */
  extractMs: number;
  totalMs: number;
}

export interface EnrichService {
  /**
   * Extracts indexed documents that have not been extracted yet, `batchSize` at a time, one
   * transaction per batch, until none are left or `limit` documents were taken.
   */
  extractPending(limit?: number): Promise<ExtractionReport>;
  /** Extracts the given documents (again): pending suggestions are replaced, decisions kept. */
  extractDocuments(ids: readonly string[]): Promise<ExtractionReport>;
}

export interface EnrichServiceDeps {
  db: Db;
  batchSize?: number;
  /** Replaces the extractor (tests). */
  extractor?: (text: string, language: string, deps: ExtractDeps) => Extraction;
}

const MAX_LIMIT = 1_000_000;

/**
 * The stage after indexing. The extractor runs in this thread: it is pure CPU work on text already
 * in memory (no parsing), a few milliseconds a document, and its results are written at once.
 */
export function createEnrichService({ db, batchSize = 32, extractor }: EnrichServiceDeps): EnrichService {
  const emptyReport = (): ExtractionReport => ({
    extracted: 0,
    failed: [],
    mentions: 0,
    claims: 0,
    keptDecisions: 0,
    remaining: 0,
    extractMs: 0,
    totalMs: 0,
  });

  const runBatch = async (docs: DocumentToExtract[], report: ExtractionReport): Promise<void> => {
    // Loaded on first use: the gazetteers cost a few hundred milliseconds to build.
    const [{ extractAll }, { suggestionsFrom, EXTRACTOR }] = await Promise.all([
      import('../pipeline/extract/extract.stage.ts'),
      import('../pipeline/extract/suggest.ts'),
    ]);
    const results = docs.map((doc) => {
      const t0 = performance.now();
      try {
        const published = doc.publishedAt ? new Date(doc.publishedAt) : undefined;
        const referenceDate = published && !Number.isNaN(published.getTime()) ? published : undefined;
        const extraction = (extractor ?? extractAll)(
          doc.text,
          doc.language,
          referenceDate ? { referenceDate } : {},
        );
        return { doc, suggestions: suggestionsFrom(doc.text, doc.language, extraction) };
      } catch (e) {
        return { doc, error: e instanceof Error ? e.message : String(e) };
      } finally {
        report.extractMs += performance.now() - t0;
      }
    });
    await db.transaction(async (tx) => {
      for (const r of results) {
        if (r.suggestions) {
          const saved = await replaceSuggestions(
            tx,
            r.doc,
            r.suggestions.mentions,
            r.suggestions.claims,
            EXTRACTOR,
          );
          report.extracted += 1;
          report.mentions += saved.mentions;
          report.claims += saved.claims;
          report.keptDecisions += saved.keptDecisions;
        } else {
          const message = `the extractor failed: ${r.error ?? 'unknown error'}`;
          await markExtractFailed(tx, r.doc.id, message);
          report.failed.push({ id: r.doc.id, message });
        }
      }
    });
  };

  const finish = async (report: ExtractionReport, started: number): Promise<ExtractionReport> => {
    report.remaining = await countDocumentsToExtract(db);
    report.totalMs = performance.now() - started;
    report.extractMs = Math.round(report.extractMs * 10) / 10;
    report.totalMs = Math.round(report.totalMs * 10) / 10;
    return report;
  };

  return {
    async extractPending(limit = MAX_LIMIT) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new AppError(
          'invalid_input',
          `the limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}`,
        );
      }
      const started = performance.now();
      const report = emptyReport();
      let left = limit;
      while (left > 0) {
        const docs = await documentsToExtract(db, Math.min(batchSize, left));
        if (docs.length === 0) {
          break;
        }
        await runBatch(docs, report);
        left -= docs.length;
      }
      return finish(report, started);
    },
    async extractDocuments(ids) {
      const started = performance.now();
      const report = emptyReport();
      for (let i = 0; i < ids.length; i += batchSize) {
        const docs = await documentsByIds(db, ids.slice(i, i + batchSize));
        if (docs.length > 0) {
          await runBatch(docs, report);
        }
      }
      return finish(report, started);
    },
  };
}

/**
 * The hook ingest calls after indexing: extracts the run's new documents. A document whose
 * extraction fails, or a pass that fails as a whole, becomes a warning of the run: the documents
 * are stored all the same and `longarm extract --pending` catches up.
 */
export const extractAfterIndex =
  (enrich: EnrichService) =>
  async (report: IngestReport): Promise<IngestReport['warnings']> => {
    const ids = report.ingested.map((d) => d.id);
    const pathOf = new Map(report.ingested.map((d) => [d.id as string, d.path]));
    if (ids.length === 0) {
      return [];
    }
    try {
      const done = await enrich.extractDocuments(ids);
      return done.failed.map((f) => ({
        path: pathOf.get(f.id) ?? f.id,
        code: 'internal' as const,
        message: `${f.message}; the document is stored, run longarm extract --pending to try again`,
      }));
    } catch (e) {
      return [
        {
          path: report.ingested[0]?.path ?? '',
          code: e instanceof AppError ? e.code : 'internal',
          message: `extraction after indexing failed (${e instanceof Error ? e.message : String(e)}); the documents are stored, run longarm extract --pending`,
        },
      ];
    }
  };
