import { resolve } from 'node:path';
import type {
  ClassifyRequest,
  ClassifyResponse,
  DocumentResponse,
  SearchParams,
  SearchResponse,
} from '@longarm/contracts';
import {
  AppError,
  createCore,
  readLockHolder,
  type BatchProgress,
  type Config,
  type ErrorCode,
  type ExportRequest,
  type IngestReport,
  type RunRecord,
} from '@longarm/core';

export type RunReport = IngestReport & { runId: string };

/** What commands need, served by an in-process core or by the server that holds the data folder. */
export interface Backend {
  readonly via: 'local' | 'server';
  ingestPaths(
    paths: string[],
    onProgress?: (p: BatchProgress) => void,
    options?: { workers?: number; extract?: boolean },
  ): Promise<RunReport>;
  loadDemo(): Promise<RunReport>;
  search(params: SearchParams): Promise<SearchResponse>;
  getDocument(id: string, q?: string): Promise<DocumentResponse>;
  classify(id: string, change: ClassifyRequest): Promise<ClassifyResponse>;
  exportRecords(req: ExportRequest): AsyncIterable<string>;
  listRuns(): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunRecord>;
  close(): Promise<void>;
}

async function openLocal(config: Config, holder: string): Promise<Backend> {
  const core = await createCore(config, { holder });
  const s = core.services;
  return {
    via: 'local',
    ingestPaths: (paths, onProgress, options) => s.ingest.ingestPaths(paths, onProgress, options),
    loadDemo: () => s.demo.load(),
    search: (params) => s.search.search(params),
    getDocument: (id, q) => s.documents.get(id, q),
    classify: (id, change) => s.documents.classify(id, change),
    exportRecords: (req) => s.export.exportRecords(req),
    listRuns: () => s.ingest.listRuns(),
    getRun: (id) => s.ingest.getRun(id),
    close: () => core.close(),
  };
}

function openRemote(url: string, token: string): Backend {
  async function call(path: string, init?: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${url}/api${path}`, {
        ...init,
        headers: { 'x-longarm-local-token': token, 'content-type': 'application/json', ...init?.headers },
      });
    } catch (e) {
      throw new AppError(
        'unavailable',
        `the server holding the data folder (${url}) does not answer: ${(e as Error).message}`,
        {},
        { cause: e },
      );
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as
        { error?: { code?: ErrorCode; message?: string } } | undefined;
      throw new AppError(
        body?.error?.code ?? 'internal',
        body?.error?.message ?? `the server answered ${res.status}`,
      );
    }
    return res;
  }
  const json = async <T>(path: string, init?: RequestInit): Promise<T> =>
    (await call(path, init)).json() as Promise<T>;
  const query = (params: Record<string, string | number | string[] | undefined>): string =>
    new URLSearchParams(
      Object.entries(params)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(',') : String(v)]),
    ).toString();

  return {
    via: 'server',
    async ingestPaths(paths, onProgress, options) {
      void onProgress; // the server reports once, at the end
      // The server has its own working directory: send absolute paths, report them as given.
      const absolute = paths.map((p) => resolve(p));
      const report = await json<RunReport>('/local/ingest', {
        method: 'POST',
        body: JSON.stringify({ paths: absolute, workers: options?.workers, extract: options?.extract }),
      });
      const asGiven = (p: string): string => {
        const i = absolute.findIndex((a) => p === a || p.startsWith(`${a}/`));
        return i < 0 ? p : `${paths[i] ?? ''}${p.slice(absolute[i]?.length ?? 0)}`;
      };
      return {
        ...report,
        ingested: report.ingested.map((e) => ({ ...e, path: asGiven(e.path) })),
        duplicates: report.duplicates.map((e) => ({ ...e, path: asGiven(e.path) })),
        failed: report.failed.map((e) => ({ ...e, path: asGiven(e.path) })),
      };
    },
    loadDemo: () => json<RunReport>('/local/demo', { method: 'POST' }),
    search: (p) =>
      json<SearchResponse>(
        `/search?${query({ q: p.q, lang: p.lang, from: p.from, to: p.to, limit: p.limit, offset: p.offset })}`,
      ),
    getDocument: (id, q) => json<DocumentResponse>(`/documents/${encodeURIComponent(id)}?${query({ q })}`),
    classify: (id, change) =>
      json<ClassifyResponse>(`/documents/${encodeURIComponent(id)}/sensitivity`, {
        method: 'PUT',
        body: JSON.stringify(change),
      }),
    async *exportRecords(req) {
      const res = await call(
        `/export?${query({ type: req.type, format: req.format, q: req.query, lang: req.languages, from: req.from, to: req.to })}`,
      );
      const decoder = new TextDecoder();
      for await (const chunk of res.body ?? []) {
        yield decoder.decode(chunk as Uint8Array, { stream: true });
      }
      const rest = decoder.decode();
      if (rest) {
        yield rest;
      }
    },
    listRuns: async () => (await json<{ runs: RunRecord[] }>('/runs')).runs,
    getRun: (id) => json<RunRecord>(`/runs/${encodeURIComponent(id)}`),
    close: () => Promise.resolve(),
  };
}

/**
 * PGlite allows one process per data folder: when a running server holds it, commands go through
 * that server's API; otherwise they open the store themselves.
 */
export async function openBackend(config: Config, holder: string): Promise<Backend> {
  if (!config.databaseUrl) {
    const running = readLockHolder(config.dataDir);
    if (running?.url && running.token) {
      return openRemote(running.url, running.token);
    }
  }
  return openLocal(config, holder);
}
