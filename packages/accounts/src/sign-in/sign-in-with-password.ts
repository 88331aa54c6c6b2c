import type { Prisma, PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { type CreatedSession, createSession } from '../sessions/create-session';
import { parseInput } from '../shared/parse-input';
import { verifyPassword } from '../shared/passwords';
import { inUserTransaction } from '../shared/transactions';
import { findPasswordLock, type GuardedCheck, guardPasswordCheck } from './guard-password-check';
import { lockedError } from './locked-error';
import { type SignInInput, signInSchema } from './sign-in.schema';

export type SignInResult = CreatedSession & { userId: string; email: string };

const invalidCredentials = 'The email or password is incorrect.';

/**
 * Local (break-glass) sign-in. Runs the password check under the per-address and per-account
 * lockouts (guardPasswordCheck), with a dummy verification for unknown accounts so timing
 * reveals nothing, and on success starts a session and records `sign_in`. Lockout messages read
 * the same whether or not the account exists; the lockout itself is recorded in the account's
 * organizations when there are any.
 *
 * The password is verified before the transaction, never inside it: argon2 costs tens of
 * milliseconds of CPU, and a transaction waiting on it would hold a pooled connection and the
 * counters' locks all along, so a burst of sign-ins would queue on both until the pool gave
 * out. A locked counter still refuses before the password is looked at (findPasswordLock);
 * the transaction then re-reads the counters under their locks, so concurrent failures all
 * count and none slips past a lock another attempt has just set.
 */
export async function signInWithPassword({
  db,
  input,
  ip,
  now = new Date(),
}: {
  db: PrismaClient;
  input: SignInInput;
  ip?: string | undefined;
  now?: Date;
}): Promise<SignInResult> {
  const { email, password } = parseInput(signInSchema, input);
  const lock = await findPasswordLock({ db, email, ip, now });
  if (lock) throw lockedError({ lock, now });
  const account = await db.user.findUnique({ where: { email }, select: { passwordHash: true } });
  const matches = await verifyPassword({ passwordHash: account?.passwordHash, password });
  const verifiedHash = matches ? (account?.passwordHash ?? undefined) : undefined;
  // Failures must be committed even though the attempt is refused, so the transaction returns
  // an outcome and the refusal is thrown after it commits.
  const attempt: GuardedCheck<SignInResult> = await inUserTransaction({ db }, (tx) =>
    guardPasswordCheck({
      tx,
      email,
      ip,
      now,
      trigger: 'sign_in',
      check: () => startSession({ tx, email, verifiedHash, ip, now }),
    }),
  );
  if (attempt.outcome === 'passed') return attempt.result;
  if (attempt.lock) throw lockedError({ lock: attempt.lock, now });
  throw new AppError('INVALID_CREDENTIALS', invalidCredentials);
}

/**
 * The guarded check, under the counters' locks: the password matched `verifiedHash` (undefined
 * when it did not), which must still be the account's. A password changed since it was read
 * counts as a failure: what was given is no longer the password.
 */
async function startSession({
  tx,
  email,
  verifiedHash,
  ip,
  now,
}: {
  tx: Prisma.TransactionClient;
  email: string;
  verifiedHash: string | undefined;
  ip: string | undefined;
  now: Date;
}) {
  const user = await tx.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      passwordHash: true,
      memberships: {
        select: { orgId: true, role: true, organization: { select: { requireSso: true } } },
      },
    },
  });
  const orgIds = user?.memberships.map((membership) => membership.orgId) ?? [];
  const stillValid = verifiedHash !== undefined && user?.passwordHash === verifiedHash;
  if (!user || !stillValid || orgIds.length === 0) return { passed: false as const, orgIds };
  const breakGlassOrgIds = checkRequiredSso(user.memberships);

  const session = await createSession({ tx, userId: user.id, now });
  for (const orgId of orgIds) {
    await appendActivity(tx, {
      orgId,
      actorUserId: user.id,
      actorEmail: user.email,
      action: 'sign_in',
      target: user.email,
      details: { method: 'password' },
      ip,
    });
    if (breakGlassOrgIds.includes(orgId)) {
      await appendActivity(tx, {
        orgId,
        actorUserId: user.id,
        actorEmail: user.email,
        action: 'auth.break_glass_sign_in',
        target: user.email,
        details: { method: 'password', reason: 'require_sso' },
        ip,
      });
    }
  }
  return {
    passed: true as const,
    result: { ...session, userId: user.id, email: user.email },
  };
}

const ssoRequired =
  'Your organization requires single sign-on. Use "Sign in with SSO" with your work email.';

/**
 * Require SSO: a password sign-in is refused when any of the person's organizations requires SSO
 * and they are not an owner there (one session serves every organization of the person, so it
 * cannot be scoped to the others). Owners of such organizations still sign in (break-glass);
 * the organizations where that happened are returned, to flag the sign-in in their logs.
 * The refusal comes only after the password matched, so it tells a guesser nothing.
 */
function checkRequiredSso(
  memberships: { orgId: string; role: string; organization: { requireSso: boolean } }[],
): string[] {
  const requiring = memberships.filter((membership) => membership.organization.requireSso);
  if (requiring.some((membership) => membership.role !== 'owner')) {
    throw new AppError('FORBIDDEN', ssoRequired);
  }
  return requiring.map((membership) => membership.orgId);
}
