import type { DocumentResponse } from '@longarm/contracts';
import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import { findQueryHits } from '../domain/search-text.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { countDocuments, getDocument } from '../store/documents.store.ts';
import type { AuditService } from './audit.service.ts';

export interface DocumentService {
  /** @throws not_found */
  get(id: string, q?: string, viewer?: Viewer): Promise<DocumentResponse>;
  /** The original bytes as ingested. @throws not_found */
  getOriginal(id: string, viewer?: Viewer): Promise<{ bytes: Buffer; mediaType: string; fileName: string }>;
  count(): Promise<number>;
}

export function createDocumentService({
  db,
  blobs,
  audit,
}: {
  db: Db;
  blobs: AsyncBlobStore;
  audit?: AuditService;
}): DocumentService {
  // Every read of a restricted or protected record goes to the audit log.
  const logRead = async (viewer: Viewer, doc: { id: string; sensitivity: string }, action: string) => {
    if (doc.sensitivity === 'restricted' || doc.sensitivity === 'protected') {
      await audit?.append(viewer, { action, recordKind: 'document', recordId: doc.id });
    }
  };
  return {
    async get(id, q, viewer = LOCAL_VIEWER) {
      const doc = await getDocument(db, id, visibleTo(viewer));
      await logRead(viewer, doc, 'document.read');
      return { ...doc, highlights: q ? findQueryHits(doc.text, q) : [] };
    },
    async getOriginal(id, viewer = LOCAL_VIEWER) {
      const doc = await getDocument(db, id, visibleTo(viewer));
      await logRead(viewer, doc, 'document.original');
      const name = doc.fileNames[0]?.split(/[\\/]/).pop() ?? `${doc.id}`;
      return { bytes: await blobs.get(doc.sha256), mediaType: doc.mediaType, fileName: name };
    },
    count: () => countDocuments(db),
  };
}
