import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { asAsync, createBlobStore, createDbBlobStore } from './store/blob.store.ts';
import { openIngestQueue } from './store/queue.store.ts';
import { openDb, type Db, type DbTarget } from './store/db.ts';
import { createAccountsService } from './services/accounts.service.ts';
import { createAuditService } from './services/audit.service.ts';
import { readOrCreateKeyFile } from './store/audit.store.ts';
import { createDemoService } from './services/demo.service.ts';
import { createDocumentService } from './services/documents.service.ts';
import { createExportService } from './services/export.service.ts';
import { createIngestService } from './services/ingest.service.ts';
import { createSearchService } from './services/search.service.ts';
import { createExtractService } from './services/extract.service.ts';
import { createEnrichService, extractAfterIndex } from './services/enrich.service.ts';
import { AppError as CoreError } from './domain/errors.ts';
import type { IngestReport as RunReport } from './pipeline/ingest.ts';
import { createReviewService } from './services/review.service.ts';
import { createSimilarityService } from './services/similarity.service.ts';
import { createResolutionService } from './services/resolution.service.ts';

export { loadConfig, type Config } from './config.ts';
export {
  ANONYMOUS_VIEWER,
  LOCAL_VIEWER,
  ROLES,
  ROLE_CAN_DO,
  ROLE_CAN_READ,
  viewerCan,
  visibleTo,
  mustEnrolTwoFactor,
  TWO_FACTOR_ROLES,
  type ApiToken,
  type Capability,
  type TokenScope,
  type Role,
  type User,
  type Viewer,
} from './domain/account.ts';
export type { AuditCheckpoint, AuditEntry } from './domain/audit.ts';
export type { AuditEvent, AuditService, AuditVerdict } from './services/audit.service.ts';
export { AppError, isAppError, notFound, type ErrorCode } from './domain/errors.ts';
export { readLockHolder, type LockHolder } from './store/lock.ts';
export type { Db, DbTarget } from './store/db.ts';
export { openDb } from './store/db.ts';
export { createTestDbTarget, type TestDbTarget } from './store/test-target.ts';
export type { IngestReport, BatchProgress } from './pipeline/ingest.ts';
export type { RunRecord } from './store/runs.store.ts';
export type { ExportFormat, ExportRequest, ExportType } from './services/export.service.ts';
export { DEMO_RECORDS } from './services/demo.service.ts';
export { createExtractService, type ExtractResult, type ExtractService } from './services/extract.service.ts';
export type { EnrichService, ExtractionReport } from './services/enrich.service.ts';
export type { ReviewQuery, ReviewService } from './services/review.service.ts';
export {
  REVIEW_ACTIONS,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  type ReviewAction,
  type ReviewCorrection,
  type ReviewDecision,
  type ReviewItem,
  type ReviewKind,
  type ReviewStatus,
} from './domain/review.ts';
export type { RelatedDocuments, SimilarityReport, SimilarityService } from './services/similarity.service.ts';
export type {
  FtmImportReport,
  MatchOptions,
  MatchQuery,
  MatchResult,
  RefreshReport,
  ResolutionService,
  ScreenRow,
} from './services/resolution.service.ts';
export type { CandidatePair, Judgement, SplitResult, Verdict } from './domain/resolution.ts';
export type { EntityInput, EntityNameInput, StoredEntity } from './store/entities.store.ts';
export {
  compareNames,
  nameKeys,
  scoreNamePairsCsv,
  type NameComparison,
  type NameFeature,
} from './names/index.ts';

export interface CoreOptions {
  /** Who holds the PGlite folder, shown to a second process that finds it locked. */
  holder?: string;
  /** Overrides the database chosen from the configuration (tests). */
  dbTarget?: DbTarget;
}

/** The only place that wires store, pipeline and services together. */
export async function createCore(config: Config, options: CoreOptions = {}) {
  const target: DbTarget =
    options.dbTarget ??
    (config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: config.dataDir, ...(options.holder ? { holder: options.holder } : {}) });
  const db: Db = await openDb(target);
  const ocr = {
    languages: config.ocrLanguages,
    ...(config.tessdataDir ? { tessdataDir: config.tessdataDir } : {}),
  };
  // On PostgreSQL the originals live in the database and ingest goes through the shared queue, so
  // workers on other machines can take part; on PGlite they live in the data folder.
  const onServer = target.kind === 'postgres';
  const blobRoot = join(config.dataDir, 'blobs');
  const blobs = onServer ? createDbBlobStore(db) : asAsync(createBlobStore(blobRoot));
  const workspaceKey = (): Buffer =>
    config.auditKey
      ? Buffer.from(config.auditKey, 'utf8')
      : readOrCreateKeyFile(join(config.dataDir, 'audit.key'));
  const audit = createAuditService({ db, key: workspaceKey });
  // After indexing, for the documents each ingest run adds: extraction, then near duplicates and
  // story clusters. Both are stages of their own (a failure is a warning; the documents stay).
  const enrich = createEnrichService({ db });
  const extractNew = extractAfterIndex(enrich);
  const afterIndex = async (report: RunReport): Promise<RunReport['warnings']> => {
    const warnings = await extractNew(report);
    if (report.ingested.length > 0) {
      try {
        // Without ids: the run's documents and any an earlier run left unprocessed.
        await similarity.updateSimilarity();
      } catch (e) {
        warnings.push({
          path: report.ingested[0]?.path ?? '',
          code: e instanceof CoreError ? e.code : 'internal',
          message: `near-duplicate and story grouping failed (${e instanceof Error ? e.message : String(e)}); the documents are stored and the next ingest run tries again`,
        });
      }
    }
    return warnings;
  };
  const ingest = onServer
    ? createIngestService({
        db,
        ocr,
        afterIndex,
        audit,
        queued: {
          blobs,
          openQueue: () => openIngestQueue(target.url, target.schema ? `pgboss_${target.schema}` : 'pgboss'),
        },
      })
    : createIngestService({ db, blobRoot, ocr, afterIndex, audit });
  // The audit key: from the environment, else a key file beside the data (see README).
  // Pseudonymous ids of withheld names come from a key derived from the same secret.
  let derived: Buffer | undefined;
  const pseudonymKey = (): Buffer =>
    (derived ??= createHmac('sha256', workspaceKey()).update('longarm pseudonymous ids v1').digest());
  const similarity = createSimilarityService({ db, audit });
  const resolution = createResolutionService({ db, audit });
  const services = {
    ingest,
    search: createSearchService({ db, pseudonymKey }),
    documents: createDocumentService({ db, blobs, audit, pseudonymKey }),
    export: createExportService({
      db,
      audit,
      pseudonymKey,
      entitiesFtm: (viewer) => resolution.exportFtm(viewer),
    }),
    demo: createDemoService({ ingest }),
    extract: createExtractService({}),
    enrich,
    review: createReviewService({ db, audit }),
    similarity,
    resolution,
    accounts: createAccountsService({ db, audit }),
    audit,
  };
  return {
    services,
    engine: db.engine,
    /** A server calls this once listening, so that CLI commands on the same data folder use its API. */
    advertise: (service: { url: string; token: string }) => db.lock?.advertise(service),
    close: () => db.close(),
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type Services = Core['services'];
