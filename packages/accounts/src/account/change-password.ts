import type { Prisma } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { parseInput } from '../shared/parse-input';
import { hashPassword, verifyPassword } from '../shared/passwords';
import { hashSecretToken } from '../shared/tokens';
import { inUserTransaction } from '../shared/transactions';
import {
  type CheckOutcome,
  findPasswordLock,
  guardPasswordCheck,
} from '../sign-in/guard-password-check';
import { lockedError } from '../sign-in/locked-error';
import { type ChangePasswordInput, changePasswordSchema } from './change-password.schema';

function wrongPassword(): AppError {
  return new AppError('INVALID_INPUT', 'Your current password is not correct.', {
    fieldErrors: { currentPassword: ['This is not your current password.'] },
  });
}

/**
 * Changes the actor's own password after checking the current one, and ends every other
 * session of theirs (the one in use, `sessionToken`, stays signed in).
 *
 * The current-password check is a password guess like any sign-in, so it counts against the
 * same per-account and per-address limits: a stolen session cookie must not become a way to
 * guess the password without limit. The failure that reaches a limit also ends the session in
 * use (whoever holds it just made the guess that locked the account) and is recorded as a
 * lockout. While a limit is already locked, nothing is checked and the session is left alone:
 * the lock may be someone else's doing, and its owner should not lose a session they were not
 * misusing.
 *
 * As in sign-in, the current password is verified, and the new one hashed, before the short
 * transaction that counts the attempt and makes the change, not inside it (argon2 would hold
 * a pooled connection and the counters' locks all along).
 */
export async function changePassword({
  db,
  actor,
  input,
  ip,
  now = new Date(),
  sessionToken,
}: MemberContext & { input: ChangePasswordInput; sessionToken?: string | undefined }): Promise<{
  otherSessionsEnded: number;
}> {
  const { currentPassword, password } = parseInput(changePasswordSchema, input);
  const lock = await findPasswordLock({ db, email: actor.email, ip, now });
  if (lock) throw lockedError({ lock, now });
  const verified = await verifyAndHash({ db, actor, currentPassword, password });
  const attempt = await inUserTransaction({ db }, async (tx) => {
    const guarded = await guardPasswordCheck({
      tx,
      email: actor.email,
      ip,
      now,
      trigger: 'change_password',
      check: () => checkAndReplace({ tx, actor, verified, ip, sessionToken }),
    });
    if (guarded.outcome === 'failed' && guarded.lock && sessionToken) {
      await tx.session.deleteMany({ where: { sessionToken: hashSecretToken(sessionToken) } });
    }
    return guarded;
  });
  if (attempt.outcome === 'locked') throw lockedError({ lock: attempt.lock, now });
  if (attempt.outcome === 'failed') {
    if (attempt.lock) throw lockedError({ lock: attempt.lock, now, signedOut: true });
    throw wrongPassword();
  }
  if (attempt.result === 'unchanged') {
    throw new AppError('INVALID_INPUT', 'Choose a password different from the current one.', {
      fieldErrors: { password: ['Choose a password different from the current one.'] },
    });
  }
  return attempt.result;
}

/**
 * What was settled before the transaction: the stored hash the current password matched
 * (undefined when it did not), and the new password's hash (undefined when it matched but is
 * the same password).
 */
type Verified = { hash: string | undefined; newHash: string | undefined };

/** The slow part, before any transaction: the current password verified, the new one hashed. */
async function verifyAndHash({
  db,
  actor,
  currentPassword,
  password,
}: Pick<MemberContext, 'db' | 'actor'> & {
  currentPassword: string;
  password: string;
}): Promise<Verified> {
  const account = await db.user.findUnique({
    where: { id: actor.userId },
    select: { passwordHash: true },
  });
  const hash = account?.passwordHash ?? undefined;
  if (!(await verifyPassword({ passwordHash: hash, password: currentPassword }))) {
    return { hash: undefined, newHash: undefined };
  }
  const newHash = currentPassword === password ? undefined : await hashPassword(password);
  return { hash, newHash };
}

type ReplaceOptions = Pick<MemberContext, 'actor' | 'ip'> & {
  tx: Prisma.TransactionClient;
  sessionToken: string | undefined;
};

/**
 * The guarded check, under the counters' locks: the current password matched a hash that is
 * still the stored one (changed meanwhile, it counts as wrong), then the change itself.
 */
async function checkAndReplace({
  verified,
  ...options
}: ReplaceOptions & { verified: Verified }): Promise<
  CheckOutcome<{ otherSessionsEnded: number } | 'unchanged'>
> {
  const user = await options.tx.user.findUnique({
    where: { id: options.actor.userId },
    select: { passwordHash: true, memberships: { select: { orgId: true } } },
  });
  if (verified.hash === undefined || user?.passwordHash !== verified.hash) {
    return { passed: false, orgIds: user?.memberships.map(({ orgId }) => orgId) ?? [] };
  }
  if (verified.newHash === undefined) return { passed: true, result: 'unchanged' };
  const otherSessionsEnded = await replacePassword({ ...options, passwordHash: verified.newHash });
  return { passed: true, result: { otherSessionsEnded } };
}

/** Stores the new password's hash, ends the other sessions and records the change. */
async function replacePassword({
  tx,
  actor,
  passwordHash,
  ip,
  sessionToken,
}: ReplaceOptions & { passwordHash: string }): Promise<number> {
  const keep = sessionToken ? hashSecretToken(sessionToken) : undefined;
  await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
  const { count } = await tx.session.deleteMany({
    where: { userId: actor.userId, ...(keep ? { sessionToken: { not: keep } } : {}) },
  });
  await appendActivity(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action: 'password_changed',
    target: actor.email,
    details: { otherSessionsEnded: count },
    ip,
  });
  return count;
}
