import { timingSafeEqual } from 'node:crypto';
import {
  ANONYMOUS_VIEWER,
  AppError,
  LOCAL_VIEWER,
  mustEnrolTwoFactor,
  type Services,
  type Viewer,
} from '@longarm/core';

export const LOCAL_TOKEN_HEADER = 'x-longarm-local-token';

/** Constant-time comparison of a presented token with the expected one. */
export const sameToken = (given: string | undefined, expected: string): boolean => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The reader behind a request: the CLI of the data folder (its local token proves it could read
 * the folder anyway), an API token (`Authorization: Bearer lat_…`), a signed-in user, or an
 * anonymous visitor who sees public records only. A bearer token that is not live is refused
 * rather than treated as anonymous, so a script notices; other Authorization schemes (a proxy's
 * Basic login) are left alone.
 */
export async function resolveViewer(
  presented: { localToken: string | undefined; session: string | undefined; authorization?: string },
  services: Services,
  localToken: string | undefined,
): Promise<Viewer> {
  if (localToken && sameToken(presented.localToken, localToken)) {
    return LOCAL_VIEWER;
  }
  const bearer = /^Bearer (lat_[\w-]{1,200})$/.exec(presented.authorization ?? '')?.[1];
  if (/^bearer /i.test(presented.authorization ?? '')) {
    const found = bearer ? await services.accounts.tokenUser(bearer) : undefined;
    if (!found) {
      throw new AppError('unauthorized', 'the API token is unknown, revoked or expired');
    }
    return { kind: 'user', id: found.user.id, role: found.user.role, scope: found.scope };
  }
  const user = presented.session ? await services.accounts.sessionUser(presented.session) : undefined;
  if (!user) {
    return ANONYMOUS_VIEWER;
  }
  return mustEnrolTwoFactor(user)
    ? { kind: 'user', id: user.id, role: user.role, enrolOnly: true }
    : { kind: 'user', id: user.id, role: user.role };
}

/** What a session that still has to enrol an authenticator may reach (paths under /api). */
const ENROLMENT_PATHS = new Set([
  '/health',
  '/auth/login',
  '/auth/logout',
  '/auth/me',
  '/auth/totp/setup',
  '/auth/totp/confirm',
]);

/**
 * Owners and admins must use two-factor login. Until they have enrolled an authenticator, their
 * session reaches the enrolment routes and nothing else, whatever the route would otherwise allow.
 * @throws forbidden
 */
export function refuseBeforeEnrolment(viewer: Viewer, apiPath: string): void {
  if (viewer.kind === 'user' && viewer.enrolOnly && !ENROLMENT_PATHS.has(apiPath.replace(/\/+$/, ''))) {
    throw new AppError(
      'forbidden',
      'this account must set up two-factor login before anything else: enrol an authenticator app (POST /api/auth/totp/setup, then /api/auth/totp/confirm, or the page /account/two-factor)',
      { twoFactorSetupRequired: true },
    );
  }
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
