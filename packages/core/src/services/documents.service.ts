import type { DocumentResponse } from '@longarm/contracts';
import { findQueryHits } from '../domain/search-text.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { countDocuments, getDocument } from '../store/documents.store.ts';

export interface DocumentService {
  /** @throws not_found */
  get(id: string, q?: string): Promise<DocumentResponse>;
  /** The original bytes as ingested. @throws not_found */
  getOriginal(id: string): Promise<{ bytes: Buffer; mediaType: string; fileName: string }>;
  count(): Promise<number>;
}

export function createDocumentService({ db, blobs }: { db: Db; blobs: AsyncBlobStore }): DocumentService {
  return {
    async get(id, q) {
      const doc = await getDocument(db, id);
      return { ...doc, highlights: q ? findQueryHits(doc.text, q) : [] };
    },
    async getOriginal(id) {
      const doc = await getDocument(db, id);
      const name = doc.fileNames[0]?.split(/[\\/]/).pop() ?? `${doc.id}`;
      return { bytes: await blobs.get(doc.sha256), mediaType: doc.mediaType, fileName: name };
    },
    count: () => countDocuments(db),
  };
}
