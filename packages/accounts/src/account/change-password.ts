import { appendActivity } from '@parapet/db/activity';
import { AppError } from '../errors/app-error';
import type { MemberContext } from '../shared/actor';
import { parseInput } from '../shared/parse-input';
import { hashPassword, verifyPassword } from '../shared/passwords';
import { hashSecretToken } from '../shared/tokens';
import { type ChangePasswordInput, changePasswordSchema } from './change-password.schema';

/**
 * Changes the actor's own password after checking the current one, and ends every other
 * session of theirs (the one in use, `sessionToken`, stays signed in).
 */
export async function changePassword({
  db,
  actor,
  input,
  ip,
  sessionToken,
}: MemberContext & { input: ChangePasswordInput; sessionToken?: string | undefined }): Promise<{
  otherSessionsEnded: number;
}> {
  const { currentPassword, password } = parseInput(changePasswordSchema, input);
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { passwordHash: true },
  });
  const matches = await verifyPassword({
    passwordHash: user?.passwordHash,
    password: currentPassword,
  });
  if (!matches) {
    throw new AppError('INVALID_INPUT', 'Your current password is not correct.', {
      fieldErrors: { currentPassword: ['This is not your current password.'] },
    });
  }
  if (currentPassword === password) {
    throw new AppError('INVALID_INPUT', 'Choose a password different from the current one.', {
      fieldErrors: { password: ['Choose a password different from the current one.'] },
    });
  }
  const passwordHash = await hashPassword(password);
  const keep = sessionToken ? hashSecretToken(sessionToken) : undefined;
  return db.$transaction(async (tx) => {
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
    return { otherSessionsEnded: count };
  });
}
