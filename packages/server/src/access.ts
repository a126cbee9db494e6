import { AppError, viewerCan, type Capability, type Viewer } from '@longarm/core';
/** The parts of a request these checks read. */
export interface RequestLike {
  method: string;
  url: string;
  header(name: string): string | undefined;
  text(): Promise<string>;
}
import { readCookie } from './viewer.ts';

export const CSRF_COOKIE = 'longarm_csrf';
export const CSRF_HEADER = 'x-longarm-csrf';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** This server's own origins as the browser sees them (directly, or through a TLS proxy). */
function ownOrigins(req: RequestLike): string[] {
  const url = new URL(req.url);
  const origins = [url.origin];
  const proto = req.header('x-forwarded-proto');
  const host = req.header('x-forwarded-host') ?? req.header('host');
  if (proto && host) {
    origins.push(`${proto}://${host}`);
  }
  return origins;
}

/**
 * Cross-site request forgery guard for unsafe methods. A request from another origin (by its
 * Origin header) is always refused. A request that a session cookie authenticates must also prove
 * it comes from our own page: the `x-longarm-csrf` header equal to the `longarm_csrf` cookie
 * (double submit), or an Origin header naming this server. Local-token requests are not from a
 * browser and are exempt.
 */
export function checkCsrf(req: RequestLike, viewer: Viewer): void {
  if (!UNSAFE.has(req.method) || viewer.kind === 'local') {
    return;
  }
  const origin = req.header('origin');
  const sameOrigin = origin !== undefined && ownOrigins(req).includes(origin);
  if (origin !== undefined && !sameOrigin) {
    throw new AppError('forbidden', 'requests from other sites are refused');
  }
  // API tokens come in a header a browser never adds by itself, so only sessions need the proof.
  if (viewer.kind === 'user' && viewer.scope === undefined && !sameOrigin) {
    const cookie = readCookie(req.header('cookie'), CSRF_COOKIE);
    const header = req.header(CSRF_HEADER);
    if (!cookie || !header || cookie.length !== header.length || cookie !== header) {
      throw new AppError(
        'forbidden',
        `a signed-in request that changes something needs the ${CSRF_HEADER} header (the ${CSRF_COOKIE} cookie's value)`,
      );
    }
  }
}

/** Anonymous visitors are told to log in; signed-in users without the capability are refused. */
export function requireCapability(viewer: Viewer, capability: Capability, what: string): void {
  if (viewerCan(viewer, capability)) {
    return;
  }
  if (viewer.kind === 'anonymous') {
    throw new AppError('unauthorized', `log in to ${what}`);
  }
  throw new AppError('forbidden', `your role may not ${what}`);
}

const NUL = String.fromCharCode(0);

/**
 * PostgreSQL text cannot hold a NUL character: refuse it at the edge (path, query, body) with a
 * 400 rather than letting a query fail deep inside.
 */
export async function refuseNul(req: RequestLike): Promise<void> {
  const body = UNSAFE.has(req.method) ? await req.text() : '';
  // In the URL it arrives percent-encoded; in a JSON body raw or as the escape backslash-u0000.
  if (req.url.includes('%00') || req.url.includes(NUL) || body.includes(NUL) || body.includes('\\u0000')) {
    throw new AppError('invalid_input', 'the request holds a NUL character, which no field may contain');
  }
}
