import type { Sensitivity } from '@longarm/contracts';

export const ROLES = ['owner', 'admin', 'analyst', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Which sensitivity levels each role may read; anonymous visitors see public records only. */
export const ROLE_CAN_READ: Record<Role | 'anonymous', readonly Sensitivity[]> = {
  anonymous: ['public'],
  viewer: ['public', 'internal'],
  reviewer: ['public', 'internal', 'restricted'],
  analyst: ['public', 'internal', 'restricted'],
  admin: ['public', 'internal', 'restricted', 'protected'],
  owner: ['public', 'internal', 'restricted', 'protected'],
};

export interface User {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** An authenticator app is enrolled and its code is asked at every login. */
  twoFactor: boolean;
}

/**
 * Roles that must use two-factor login. Until such an account has enrolled an authenticator, its
 * session can do nothing but enrol one (see `enrolOnly`).
 */
export const TWO_FACTOR_ROLES: readonly Role[] = ['owner', 'admin'];
export const mustEnrolTwoFactor = (user: Pick<User, 'role' | 'twoFactor'>): boolean =>
  TWO_FACTOR_ROLES.includes(user.role) && !user.twoFactor;

/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 12;
/** More failures than this for one account or one address within the window answer 429. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;
export const SESSION_HOURS = 12;
/** A session unused for this long ends even before SESSION_HOURS are up. */
export const SESSION_IDLE_MINUTES = 120;

/** Who is reading: the data folder's own processes (CLI, local token), a signed-in user, or anyone. */
export type Viewer =
  | { kind: 'local' }
  | { kind: 'anonymous' }
  /**
   * `scope` is set when an API token, not a session, stands for the user. `enrolOnly` marks the
   * session of an owner or admin who has no authenticator yet: it may only enrol one.
   */
  | { kind: 'user'; id: string; role: Role; scope?: TokenScope; enrolOnly?: true };

/** A `read` token reads what its account reads and does nothing else; `write` acts as the account. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** Longest life of an API token. */
export const MAX_TOKEN_DAYS = 365;

export interface ApiToken {
  id: string;
  userId: string;
  email: string;
  scope: TokenScope;
  label: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsed: string | null;
}

export const LOCAL_VIEWER: Viewer = { kind: 'local' };
export const ANONYMOUS_VIEWER: Viewer = { kind: 'anonymous' };

/** The sensitivity levels a viewer may read; store queries filter on them. */
export const visibleTo = (viewer: Viewer): readonly Sensitivity[] =>
  viewer.kind === 'local'
    ? ROLE_CAN_READ.owner
    : viewer.kind === 'anonymous'
      ? ROLE_CAN_READ.anonymous
      : ROLE_CAN_READ[viewer.role];

/**
 * What a role may do beyond reading: write (ingest, edit, raise a sensitivity level), manage
 * accounts, read the audit log, lower a sensitivity level (declassify).
 */
export type Capability = 'write' | 'manage_users' | 'read_audit' | 'declassify';

export const ROLE_CAN_DO: Record<Role, readonly Capability[]> = {
  viewer: [],
  reviewer: [],
  analyst: ['write'],
  admin: ['write', 'manage_users', 'declassify'],
  owner: ['write', 'manage_users', 'read_audit', 'declassify'],
};

/** The local CLI holds the data folder and may do everything; anonymous visitors nothing. */
export const viewerCan = (viewer: Viewer, capability: Capability): boolean =>
  viewer.kind === 'local' ||
  (viewer.kind === 'user' && viewer.scope !== 'read' && ROLE_CAN_DO[viewer.role].includes(capability));
