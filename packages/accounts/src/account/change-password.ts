import type { Prisma } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '../errors/app-error';
import type { MemberContext } from '../shared/actor';
import { parseInput } from '../shared/parse-input';
import { hashPassword, verifyPassword } from '../shared/passwords';
import { hashSecretToken } from '../shared/tokens';
import { type CheckOutcome, guardPasswordCheck } from '../sign-in/guard-password-check';
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
 * lockout. While a limit
 * is already locked, nothing is checked and the session is left alone: the lock may be someone
 * else's doing, and its owner should not lose a session they were not misusing.
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
  const attempt = await db.$transaction(
    async (tx) => {
      const guarded = await guardPasswordCheck({
        tx,
        email: actor.email,
        ip,
        now,
        trigger: 'change_password',
        check: () => checkAndReplace({ tx, actor, currentPassword, password, ip, sessionToken }),
      });
      if (guarded.outcome === 'failed' && guarded.lock && sessionToken) {
        await tx.session.deleteMany({ where: { sessionToken: hashSecretToken(sessionToken) } });
      }
      return guarded;
    },
    { timeout: 15_000 },
  );
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

type ReplaceOptions = Pick<MemberContext, 'actor' | 'ip'> & {
  tx: Prisma.TransactionClient;
  password: string;
  sessionToken: string | undefined;
};

/** The guarded check: the current password, then (when it matches) the change itself. */
async function checkAndReplace({
  currentPassword,
  ...options
}: ReplaceOptions & { currentPassword: string }): Promise<
  CheckOutcome<{ otherSessionsEnded: number } | 'unchanged'>
> {
  const user = await options.tx.user.findUnique({
    where: { id: options.actor.userId },
    select: { passwordHash: true, memberships: { select: { orgId: true } } },
  });
  const matches = await verifyPassword({
    passwordHash: user?.passwordHash,
    password: currentPassword,
  });
  if (!matches) {
    return { passed: false, orgIds: user?.memberships.map(({ orgId }) => orgId) ?? [] };
  }
  if (currentPassword === options.password) return { passed: true, result: 'unchanged' };
  return { passed: true, result: { otherSessionsEnded: await replacePassword(options) } };
}

/** Stores the new password's hash, ends the other sessions and records the change. */
async function replacePassword({
  tx,
  actor,
  password,
  ip,
  sessionToken,
}: ReplaceOptions): Promise<number> {
  const passwordHash = await hashPassword(password);
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
