import { timingSafeEqual } from 'node:crypto';
import { ANONYMOUS_VIEWER, LOCAL_VIEWER, type Services, type Viewer } from '@longarm/core';

export const LOCAL_TOKEN_HEADER = 'x-longarm-local-token';

/** Constant-time comparison of a presented token with the expected one. */
export const sameToken = (given: string | undefined, expected: string): boolean => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The reader behind a request: the CLI of the data folder (its local token proves it could read
 * the folder anyway), a signed-in user, or an anonymous visitor who sees public records only.
 */
export async function resolveViewer(
  presented: { localToken: string | undefined; session: string | undefined },
  services: Services,
  localToken: string | undefined,
): Promise<Viewer> {
  if (localToken && sameToken(presented.localToken, localToken)) {
    return LOCAL_VIEWER;
  }
  const user = presented.session ? await services.accounts.sessionUser(presented.session) : undefined;
  return user ? { kind: 'user', id: user.id, role: user.role } : ANONYMOUS_VIEWER;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined; // a malformed cookie is no session
      }
    }
  }
  return undefined;
}
