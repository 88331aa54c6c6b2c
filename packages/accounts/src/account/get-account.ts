import type { Role } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';

export type AccountDetails = {
  email: string;
  name: string | null;
  role: Role;
  hasPassword: boolean;
};

/** The signed-in person's own account, as the Account page shows it. */
export async function getAccount({
  db,
  actor,
}: Omit<MemberContext, 'ip' | 'now'>): Promise<AccountDetails> {
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  return {
    email: user.email,
    name: user.name,
    role: actor.role,
    hasPassword: user.passwordHash !== null,
  };
}
