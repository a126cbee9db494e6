import { toQueryText } from '../domain/search-text.ts';
import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import { invalidInput } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import { maskFields } from '../domain/field-sensitivity.ts';
import type { Document } from '../domain/source.ts';
import { iterateDocuments } from '../store/documents.store.ts';
import { getFieldLevels } from '../store/field-sensitivity.store.ts';
import { listMatchingDocumentIds } from '../store/search.store.ts';
import type { AuditService } from './audit.service.ts';

export type ExportType = 'documents' | 'entities' | 'incidents' | 'facilities' | 'claims' | 'list-entries';
export type ExportFormat = 'csv' | 'xlsx' | 'geojson' | 'ftm';

export interface ExportRequest {
  type: ExportType;
  format: ExportFormat;
  query?: string;
  languages?: string[];
  from?: string;
  to?: string;
}

export interface ExportService {
  /** Lines of the export (each ends with a newline). @throws invalid_input for a type or format not built yet */
  exportRecords(req: ExportRequest, viewer?: Viewer): AsyncGenerator<string>;
}

const DOCUMENT_COLUMNS = [
  'id',
  'title',
  'language',
  'published_at',
  'url',
  'outlet',
  'media_type',
  'source_kind',
  'sha256',
  'byte_size',
  'file_names',
  'created_at',
] as const;

/**
 * A CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet does not run it
 * as a formula (exports travel to people who open them in Excel).
 */
export function toCsvCell(value: string | number | boolean | null | undefined | readonly string[]): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) {
    s = `'${s}`;
  }
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function createExportService({
  db,
  audit,
  pseudonymKey,
  entitiesFtm,
}: {
  db: Db;
  audit?: AuditService;
  /** The workspace secret behind pseudonymous ids of withheld names. */
  pseudonymKey: () => Buffer;
  /** Resolved entities as FtM lines, with the reader's levels (the resolution service). */
  entitiesFtm?: (viewer: Viewer) => AsyncGenerator<string>;
}): ExportService {
  async function* documentsCsv(req: ExportRequest, viewer: Viewer): AsyncGenerator<string> {
    const visible = visibleTo(viewer);
    // An export that can hold restricted or protected records is a read of them: audit it.
    if (visible.includes('restricted')) {
      await audit?.append(viewer, {
        action: 'export',
        details: {
          type: req.type,
          format: req.format,
          filtered: Boolean(req.query || req.languages?.length),
        },
      });
    }
    const filtered = Boolean(req.query?.trim() || req.languages?.length || req.from || req.to);
    const ids = filtered
      ? await listMatchingDocumentIds(db, {
          visible,
          searchText: toQueryText(req.query ?? ''),
          languages: req.languages,
          from: req.from,
          to: req.to,
        })
      : undefined;
    yield `${DOCUMENT_COLUMNS.join(',')}\n`;
    if (ids && ids.length === 0) {
      return;
    }
    // Field levels are read for a batch of documents at a time; withheld fields leave the row.
    const batch: Document[] = [];
    const flush = async function* (): AsyncGenerator<string> {
      const levels = await getFieldLevels(
        db,
        'document',
        batch.map((d) => d.id),
      );
      for (const d of batch.splice(0)) {
        yield csvRow(maskFields(d, levels.get(d.id), visible, pseudonymKey));
      }
    };
    for await (const d of iterateDocuments(db, visible, ids)) {
      batch.push(d);
      if (batch.length >= 200) {
        yield* flush();
      }
    }
    yield* flush();
  }

  const csvRow = (d: Document): string => {
    const row = [
      d.id,
      d.title,
      d.language,
      d.publishedAt,
      d.url,
      d.outlet,
      d.mediaType,
      d.sourceKind,
      d.sha256,
      d.byteSize,
      d.fileNames,
      d.createdAt,
    ];
    return `${row.map(toCsvCell).join(',')}\n`;
  };

  return {
    exportRecords(req, viewer = LOCAL_VIEWER) {
      if (req.type === 'documents' && req.format === 'csv') {
        return documentsCsv(req, viewer);
      }
      if (req.type === 'entities' && req.format === 'ftm' && entitiesFtm) {
        if (req.query || req.languages?.length || req.from || req.to) {
          throw invalidInput(
            'entities are exported whole for now: --query, --lang, --from and --to filter documents only',
          );
        }
        return entitiesFtm(viewer);
      }
      // TODO(#4): the other record types and formats arrive with the case model and extraction issues.
      throw invalidInput(
        `export of ${req.type} as ${req.format} is not available yet; documents as csv and entities as ftm are`,
        {
          type: req.type,
          format: req.format,
        },
      );
    },
  };
}
