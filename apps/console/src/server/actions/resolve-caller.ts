import {
  type Actor,
  AppError,
  findMembership,
  readSession,
  type SessionUser,
} from '@parapet/accounts';
import { idField, roleAtLeast, roleLabels } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
import type { Access, MemberAccess, PublicAccess, SessionAccess } from './access';
import type { RequestContext } from './request-context';

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
 * organization named by `orgId` → role check. Every action and route handler goes through it.
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
  const user = await readSession({ db, sessionToken: request.sessionToken });
  if (!user || !request.sessionToken) throw new AppError('UNAUTHENTICATED', signedOut);
  const sessionToken = request.sessionToken;
  if (access.kind === 'session') return { kind: 'session', user, sessionToken } as CallerFor<A>;

  const parsedOrgId = idField.safeParse(orgId);
  if (!parsedOrgId.success) throw new AppError('FORBIDDEN', notAMember);
  const membership = await findMembership({ db, userId: user.userId, orgId: parsedOrgId.data });
  if (!membership) throw new AppError('FORBIDDEN', notAMember);
  if (!roleAtLeast(membership.role, access.minRole)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role (${roleLabels[membership.role]}) cannot do this; it needs ${roleLabels[access.minRole]} or above.`,
    );
  }
  const actor: Actor = {
    userId: user.userId,
    email: user.email,
    orgId: membership.orgId,
    role: membership.role,
  };
  return { kind: 'member', user, sessionToken, actor } as CallerFor<A>;
}
