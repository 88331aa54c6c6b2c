import {
  type Actor,
  authenticateApiKey,
  findMembership,
  listUserMemberships,
  type MembershipSummary,
  readSession,
  type SessionUser,
} from '@parapet/accounts';
import { idField, roleAtLeast, roleLabels } from '@parapet/accounts/schemas';
import type { PrismaClient, Role } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { RequestContext } from './request';

// Who may call an entry point, and the one resolver that turns a request into that caller.
// Pages, server actions and route handlers all go through it; the API's own credentials (API
// keys today, SCIM tokens and device credentials later) are further kinds of access and caller.

/**
 * `public` must state why (the isolation test lists every public entry point, so making one
 * public is a visible decision); `session` needs a signed-in person; `member` needs membership
 * in the organization named by the input's `orgId`, with at least `minRole`. A member access
 * with `apiKeys` (apiAccess) also takes an API key of the organization in place of a session:
 * the key names its organization, so no `orgId` is needed, and its role meets the same minimum.
 */
export type PublicAccess = { kind: 'public'; reason: string };
export type SessionAccess = { kind: 'session' };
export type MemberAccess = { kind: 'member'; minRole: Role; apiKeys?: false };
export type ApiAccess = { kind: 'member'; minRole: Role; apiKeys: true };
/**
 * A SCIM directory's bearer token (`pds_…`): the route authenticates it itself, in
 * @parapet/directory/scim, so only delegated routes take it; the resolver refuses it.
 */
export type DirectoryTokenAccess = { kind: 'directoryToken' };
export type Access = PublicAccess | SessionAccess | MemberAccess | ApiAccess | DirectoryTokenAccess;

export function publicAccess(reason: string): PublicAccess {
  return { kind: 'public', reason };
}

export const sessionAccess: SessionAccess = { kind: 'session' };

export const directoryTokenAccess: DirectoryTokenAccess = { kind: 'directoryToken' };

export function memberAccess(minRole: Role): MemberAccess {
  return { kind: 'member', minRole };
}

/** A member with at least `minRole`, signed in or calling with an API key (the admin API). */
export function apiAccess(minRole: Role): ApiAccess {
  return { kind: 'member', minRole, apiKeys: true };
}

export type PublicCaller = { kind: 'public' };
export type SessionCaller = { kind: 'session'; user: SessionUser; sessionToken: string };
export type MemberCaller = {
  kind: 'member';
  user: SessionUser;
  sessionToken: string;
  actor: Actor;
};

/**
 * A caller of the admin API: a signed-in member or an API key, told apart by `via`. Either way
 * `actor` is what domain functions take (an API key's names the key, for the activity log).
 */
export type ApiCaller = { kind: 'member'; via: 'session' | 'apiKey'; actor: Actor };

export type CallerFor<A extends Access> = A extends ApiAccess
  ? ApiCaller
  : A extends MemberAccess
    ? MemberCaller
    : A extends SessionAccess
      ? SessionCaller
      : A extends PublicAccess
        ? PublicCaller
        : never;

const signedOut = 'You are signed out. Sign in to continue.';
const notAMember = 'You are not a member of this organization.';

/**
 * The single place where a request becomes a caller: session cookie → user → membership in the
 * organization named by `orgId` → role check; or, where the access takes them, API key → its
 * organization and role → the same role check. A request that brings a key is judged by the key
 * alone (readRouteCall drops its cookies), so a key can never borrow a browser's session.
 */
export async function resolveCaller<A extends Access>({
  db,
  access,
  request,
  orgId,
}: {
  db: PrismaClient;
  access: A;
  request: RequestContext;
  orgId: unknown;
}): Promise<CallerFor<A>> {
  if (access.kind === 'public') return { kind: 'public' } as CallerFor<A>;
  if (access.kind === 'directoryToken') {
    throw new AppError('UNAUTHENTICATED', 'Only the SCIM service takes directory tokens.');
  }
  if (request.apiKey !== undefined) {
    if (access.kind !== 'member' || !access.apiKeys) {
      throw new AppError('UNAUTHENTICATED', 'API keys cannot call this; sign in to the console.');
    }
    return (await resolveApiKey({
      db,
      key: request.apiKey,
      orgId,
      minRole: access.minRole,
    })) as CallerFor<A>;
  }
  const session = await resolveSession({ db, request });
  if (access.kind === 'session') return session as CallerFor<A>;
  const member = await resolveMembership({ db, session, orgId, minRole: access.minRole });
  if (!access.apiKeys) return member as CallerFor<A>;
  return { kind: 'member', via: 'session', actor: member.actor } as CallerFor<A>;
}

export type CurrentMember = {
  actor: Actor;
  name: string | null;
  organizationName: string;
  /** Every organization the person belongs to, with their role there, for the switcher. */
  memberships: MembershipSummary[];
};

/**
 * The member a signed-in page is rendered for, or null when signed out: the same session and
 * membership checks as every entry point, in the organization the person chose
 * (`preferredOrgId`, from the current-organization cookie). The choice is only a preference: it
 * is honoured when it names one of the session user's own memberships and ignored otherwise, so
 * the first membership opens and a cookie can never grant anything.
 */
export async function resolveCurrentMember({
  db,
  request,
  preferredOrgId,
}: {
  db: PrismaClient;
  request: RequestContext;
  preferredOrgId?: string | undefined;
}): Promise<CurrentMember | null> {
  const session = await resolveSession({ db, request }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  });
  if (!session) return null;
  const memberships = await listUserMemberships({ db, userId: session.user.userId });
  const membership =
    memberships.find((candidate) => candidate.orgId === preferredOrgId) ?? memberships[0];
  if (!membership) return null;
  const { actor } = await resolveMembership({
    db,
    session,
    orgId: membership.orgId,
    minRole: 'auditor',
  });
  return {
    actor,
    name: session.user.name,
    organizationName: membership.organizationName,
    memberships,
  };
}

async function resolveSession({
  db,
  request,
}: {
  db: PrismaClient;
  request: RequestContext;
}): Promise<SessionCaller> {
  const user = await readSession({ db, sessionToken: request.sessionToken });
  if (!user || !request.sessionToken) throw new AppError('UNAUTHENTICATED', signedOut);
  return { kind: 'session', user, sessionToken: request.sessionToken };
}

async function resolveMembership({
  db,
  session,
  orgId,
  minRole,
}: {
  db: PrismaClient;
  session: SessionCaller;
  orgId: unknown;
  minRole: Role;
}): Promise<MemberCaller> {
  const parsedOrgId = idField.safeParse(orgId);
  if (!parsedOrgId.success) throw new AppError('FORBIDDEN', notAMember);
  const { userId, email } = session.user;
  const membership = await findMembership({ db, userId, orgId: parsedOrgId.data });
  if (!membership) throw new AppError('FORBIDDEN', notAMember);
  assertMinRole({ role: membership.role, minRole, whose: 'Your role' });
  const actor: Actor = { userId, email, orgId: membership.orgId, role: membership.role };
  return { kind: 'member', user: session.user, sessionToken: session.sessionToken, actor };
}

async function resolveApiKey({
  db,
  key,
  orgId,
  minRole,
}: {
  db: PrismaClient;
  key: string;
  orgId: unknown;
  minRole: Role;
}): Promise<ApiCaller> {
  const actor = await authenticateApiKey({ db, key });
  // A key acts in its own organization only; naming another one is refused, not ignored, so a
  // script pointed at the wrong organization fails loudly.
  if (orgId !== undefined && orgId !== actor.orgId) {
    throw new AppError('FORBIDDEN', 'This API key belongs to another organization.');
  }
  assertMinRole({ role: actor.role, minRole, whose: 'This API key’s role' });
  return { kind: 'member', via: 'apiKey', actor };
}

function assertMinRole({ role, minRole, whose }: { role: Role; minRole: Role; whose: string }) {
  if (!roleAtLeast(role, minRole)) {
    throw new AppError(
      'FORBIDDEN',
      `${whose} (${roleLabels[role]}) cannot do this; it needs ${roleLabels[minRole]} or above.`,
    );
  }
}
