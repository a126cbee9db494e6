import { toQueryText } from '../domain/search-text.ts';
import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import { invalidInput } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import { iterateDocuments } from '../store/documents.store.ts';
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

export function createExportService({ db, audit }: { db: Db; audit?: AuditService }): ExportService {
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
    for await (const d of iterateDocuments(db, visible, ids)) {
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
      yield `${row.map(toCsvCell).join(',')}\n`;
    }
  }

  return {
    exportRecords(req, viewer = LOCAL_VIEWER) {
      if (req.type === 'documents' && req.format === 'csv') {
        return documentsCsv(req, viewer);
      }
      // TODO(#4): the other record types and formats arrive with the case model and extraction issues.
      throw invalidInput(`export of ${req.type} as ${req.format} is not available yet; documents as csv is`, {
        type: req.type,
        format: req.format,
      });
    },
  };
}
