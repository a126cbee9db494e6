// Typed calls to the longarm HTTP API (same origin, under /api). Types only come from contracts,
// so no zod reaches the bundle; the server validates its own output.
import type {
  DocumentResponse,
  ErrorCode,
  ErrorResponse,
  RunListResponse,
  RunResponse,
  SearchResponse,
} from '@longarm/contracts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Worth trying again: the network or the server failed, not the request. */
export function isTransient(error: ApiError): boolean {
  return (
    error.status === 0 || error.status >= 500 || error.code === 'unavailable' || error.code === 'rate_limited'
  );
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false;
  }
  const { error } = body;
  return (
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
  );
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if (signal?.aborted) {
      throw e;
    }
    throw new ApiError('network', 'The server cannot be reached. Is `longarm serve` running?', 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorResponse(body)) {
      throw new ApiError(body.error.code, body.error.message, res.status, body.error.details);
    }
    throw new ApiError('internal', `The server answered ${res.status} ${res.statusText}`.trim(), res.status);
  }
  if (body === undefined) {
    throw new ApiError('internal', 'The server sent a response that is not JSON', res.status);
  }
  return body as T;
}

/** The filters a search page shows; the same filters drive the CSV export. */
export interface SearchFilter {
  q: string;
  languages: string[];
  from?: string;
  to?: string;
}

function filterParams(filter: SearchFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (filter.q) {
    p.set('q', filter.q);
  }
  if (filter.languages.length > 0) {
    p.set('lang', filter.languages.join(','));
  }
  if (filter.from) {
    p.set('from', filter.from);
  }
  if (filter.to) {
    p.set('to', filter.to);
  }
  return p;
}

export function searchDocuments(
  filter: SearchFilter,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<SearchResponse> {
  const p = filterParams(filter);
  p.set('limit', String(page.limit));
  p.set('offset', String(page.offset));
  return getJson<SearchResponse>(`/api/search?${p.toString()}`, signal);
}

export function getDocument(id: string, q: string, signal?: AbortSignal): Promise<DocumentResponse> {
  const query = q ? `?${new URLSearchParams({ q }).toString()}` : '';
  return getJson<DocumentResponse>(`/api/documents/${encodeURIComponent(id)}${query}`, signal);
}

export function originalFileUrl(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}/original`;
}

export function exportDocumentsCsvUrl(filter: SearchFilter): string {
  const p = filterParams(filter);
  const all = new URLSearchParams({ type: 'documents', format: 'csv' });
  for (const [k, v] of p) {
    all.set(k, v);
  }
  return `/api/export?${all.toString()}`;
}

export function listRuns(signal?: AbortSignal): Promise<RunListResponse> {
  return getJson<RunListResponse>('/api/runs', signal);
}

export function getRun(id: string, signal?: AbortSignal): Promise<RunResponse> {
  return getJson<RunResponse>(`/api/runs/${encodeURIComponent(id)}`, signal);
}
