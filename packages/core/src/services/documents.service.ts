import type { ClassifyRequest, ClassifyResponse, DocumentResponse } from '@longarm/contracts';
import { LOCAL_VIEWER, viewerCan, visibleTo, type Viewer } from '../domain/account.ts';
import { AppError, invalidInput } from '../domain/errors.ts';
import { checkDocumentField, levelRank, maskFields } from '../domain/field-sensitivity.ts';
import { findQueryHits } from '../domain/search-text.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { countDocuments, getDocument } from '../store/documents.store.ts';
import { getFieldLevels, setDocumentSensitivity, setFieldLevels } from '../store/field-sensitivity.store.ts';
import type { AuditService } from './audit.service.ts';

export interface DocumentService {
  /** @throws not_found */
  get(id: string, q?: string, viewer?: Viewer): Promise<DocumentResponse>;
  /** The original bytes as ingested. @throws not_found */
  getOriginal(id: string, viewer?: Viewer): Promise<{ bytes: Buffer; mediaType: string; fileName: string }>;
  count(): Promise<number>;
  /**
   * Sets the level of a document and of single fields. Raising needs the right to write;
   * lowering (or clearing a field's level) is a publishing decision left to admins and owners.
   * @throws not_found (also for a document the caller may not read) | forbidden | invalid_input
   */
  classify(id: string, change: ClassifyRequest, viewer?: Viewer): Promise<ClassifyResponse>;
}

export function createDocumentService({
  db,
  blobs,
  audit,
  pseudonymKey,
}: {
  db: Db;
  blobs: AsyncBlobStore;
  audit?: AuditService;
  /** The workspace secret behind pseudonymous ids of withheld names. */
  pseudonymKey: () => Buffer;
}): DocumentService {
  // Every read of a restricted or protected record goes to the audit log.
  const logRead = async (viewer: Viewer, doc: { id: string; sensitivity: string }, action: string) => {
    if (doc.sensitivity === 'restricted' || doc.sensitivity === 'protected') {
      await audit?.append(viewer, { action, recordKind: 'document', recordId: doc.id });
    }
  };
  return {
    async get(id, q, viewer = LOCAL_VIEWER) {
      const visible = visibleTo(viewer);
      const doc = await getDocument(db, id, visible);
      await logRead(viewer, doc, 'document.read');
      const levels = (await getFieldLevels(db, 'document', [doc.id])).get(doc.id);
      return {
        ...maskFields(doc, levels, visible, pseudonymKey),
        highlights: q ? findQueryHits(doc.text, q) : [],
      };
    },
    async getOriginal(id, viewer = LOCAL_VIEWER) {
      const visible = visibleTo(viewer);
      const doc = await getDocument(db, id, visible);
      // The original file holds every field (an e-mail's sender, a photo's GPS): it is refused to a
      // reader from whom any field of the document is withheld.
      const levels = (await getFieldLevels(db, 'document', [doc.id])).get(doc.id);
      if (maskFields(doc, levels, visible, pseudonymKey).withheld?.length) {
        throw new AppError(
          'forbidden',
          'the original file holds fields withheld from your role; ask an admin for the file, or read the document here',
        );
      }
      await logRead(viewer, doc, 'document.original');
      const name = doc.fileNames[0]?.split(/[\\/]/).pop() ?? `${doc.id}`;
      return { bytes: await blobs.get(doc.sha256), mediaType: doc.mediaType, fileName: name };
    },
    count: () => countDocuments(db),
    async classify(id, change, viewer = LOCAL_VIEWER) {
      const visible = visibleTo(viewer);
      const doc = await getDocument(db, id, visible);
      if (!viewerCan(viewer, 'write')) {
        throw new AppError('forbidden', 'your role cannot change sensitivity levels');
      }
      const before = (await getFieldLevels(db, 'document', [doc.id])).get(doc.id) ?? {};
      const fields = change.fields ?? {};
      for (const field of Object.keys(fields)) {
        checkDocumentField(field);
      }
      const level = change.sensitivity ?? doc.sensitivity;
      for (const [field, fieldLevel] of Object.entries(fields)) {
        if (fieldLevel !== null && levelRank(fieldLevel) <= levelRank(level)) {
          throw invalidInput(
            `the level of ${field} must be above the document's own (${level}); a field can only be more sensitive than its record`,
            { field },
          );
        }
      }
      const lowers =
        levelRank(level) < levelRank(doc.sensitivity) ||
        Object.entries(fields).some(([field, fieldLevel]) => {
          const old = before[field];
          return old !== undefined && (fieldLevel === null || levelRank(fieldLevel) < levelRank(old));
        });
      if (lowers && !viewerCan(viewer, 'declassify')) {
        throw new AppError(
          'forbidden',
          'lowering a sensitivity level is for admins and owners: it can expose a person',
        );
      }
      const actor = viewer.kind === 'user' ? viewer.id : viewer.kind;
      await db.transaction(async (tx) => {
        if (level !== doc.sensitivity) {
          await setDocumentSensitivity(tx, doc.id, level);
        }
        await setFieldLevels(tx, 'document', doc.id, fields, actor);
      });
      const after = (await getFieldLevels(db, 'document', [doc.id])).get(doc.id) ?? {};
      await audit?.append(viewer, {
        action: 'document.classify',
        recordKind: 'document',
        recordId: doc.id,
        details: { from: doc.sensitivity, to: level, fields: after },
      });
      return { id: doc.id, sensitivity: level, fields: after };
    },
  };
}
