import {
  type Actor,
  findMembership,
  listUserMemberships,
  readSession,
  type SessionUser,
} from '@parapet/accounts';
import { idField, roleAtLeast, roleLabels } from '@parapet/accounts/schemas';
import type { PrismaClient, Role } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { RequestContext } from './request';

// Who may call an entry point, and the one resolver that turns a request into that caller.
// Pages, server actions and route handlers all go through it; the API's own credentials (API
// keys, SCIM tokens, device credentials) are further kinds of access and caller here.

/**
 * `public` must state why (the isolation test lists every public entry point, so making one
 * public is a visible decision); `session` needs a signed-in person; `member` needs membership
 * in the organization named by the input's `orgId`, with at least `minRole`.
 */
export type PublicAccess = { kind: 'public'; reason: string };
export type SessionAccess = { kind: 'session' };
export type MemberAccess = { kind: 'member'; minRole: Role };
export type Access = PublicAccess | SessionAccess | MemberAccess;

export function publicAccess(reason: string): PublicAccess {
  return { kind: 'public', reason };
}

export const sessionAccess: SessionAccess = { kind: 'session' };

export function memberAccess(minRole: Role): MemberAccess {
  return { kind: 'member', minRole };
}

export type PublicCaller = { kind: 'public' };
export type SessionCaller = { kind: 'session'; user: SessionUser; sessionToken: string };
export type MemberCaller = {
  kind: 'member';
  user: SessionUser;
  sessionToken: string;
  actor: Actor;
};

export type CallerFor<A extends Access> = A extends MemberAccess
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
 * organization named by `orgId` → role check.
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
  const session = await resolveSession({ db, request });
  if (access.kind === 'session') return session as CallerFor<A>;
  return (await resolveMembership({ db, session, orgId, minRole: access.minRole })) as CallerFor<A>;
}

export type CurrentMember = {
  actor: Actor;
  name: string | null;
  organizationName: string;
};

/**
 * The member a signed-in page is rendered for, or null when signed out: the same session and
 * membership checks as every entry point, in the person's organization (the first one, until
 * the console can switch between several).
 */
export async function resolveCurrentMember({
  db,
  request,
}: {
  db: PrismaClient;
  request: RequestContext;
}): Promise<CurrentMember | null> {
  const session = await resolveSession({ db, request }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  });
  if (!session) return null;
  const [membership] = await listUserMemberships({ db, userId: session.user.userId });
  if (!membership) return null;
  const { actor } = await resolveMembership({
    db,
    session,
    orgId: membership.orgId,
    minRole: 'auditor',
  });
  return { actor, name: session.user.name, organizationName: membership.organizationName };
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
  if (!roleAtLeast(membership.role, minRole)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role (${roleLabels[membership.role]}) cannot do this; it needs ${roleLabels[minRole]} or above.`,
    );
  }
  const actor: Actor = { userId, email, orgId: membership.orgId, role: membership.role };
  return { kind: 'member', user: session.user, sessionToken: session.sessionToken, actor };
}
