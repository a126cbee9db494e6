// Login, logout and who-am-I. The session cookie is HttpOnly; the page only sees the CSRF cookie,
// whose presence also tells it that a login happened in this browser.
import { ApiError } from '../../api/client.ts';

export interface SignedInUser {
  email: string | null;
  role: string;
}

const CSRF_COOKIE = 'longarm_csrf';
const AUTH_EVENT = 'longarm:auth';

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) {
      return rest.join('=');
    }
  }
  return undefined;
}

/** True when this browser holds the cookies of a login (the session may still have expired). */
export const hasLoginCookie = (): boolean => csrfToken() !== undefined;

/** Tells the app shell that the login state changed. */
export const announceAuthChange = (): void => {
  window.dispatchEvent(new Event(AUTH_EVENT));
};
export function onAuthChange(listener: () => void): () => void {
  window.addEventListener(AUTH_EVENT, listener);
  return () => window.removeEventListener(AUTH_EVENT, listener);
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = csrfToken();
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (csrf) {
      headers['x-longarm-csrf'] = csrf;
    }
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('network', 'The server cannot be reached. Is `longarm serve` running?', 0);
  }
  const data = (await res.json().catch(() => undefined)) as
    { error?: { code: ApiError['code']; message: string; details?: Record<string, unknown> } } | undefined;
  if (!res.ok) {
    throw new ApiError(
      data?.error?.code ?? 'internal',
      data?.error?.message ?? `The server answered ${res.status}`,
      res.status,
      data?.error?.details,
    );
  }
  return data as T;
}

/** `twoFactorSetupRequired`: an owner or admin without an authenticator, who must enrol one first. */
interface SignedIn {
  user: SignedInUser;
  twoFactorSetupRequired?: boolean;
}
export const TWO_FACTOR_PAGE = '/account/two-factor';
export const login = (input: { email: string; password: string; totp?: string }) =>
  send<SignedIn>('POST', '/api/auth/login', input);
export const logout = () => send<{ ok: true }>('POST', '/api/auth/logout');
export const me = () => send<SignedIn>('GET', '/api/auth/me');
export const startTwoFactor = () => send<{ uri: string }>('POST', '/api/auth/totp/setup');
export const confirmTwoFactor = (code: string) =>
  send<{ ok: true }>('POST', '/api/auth/totp/confirm', { code });
