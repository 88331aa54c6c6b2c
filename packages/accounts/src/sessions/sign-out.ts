import type { PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import type { Actor } from '../shared/actor';
import { hashSecretToken } from '../shared/tokens';
import { inUserTransaction } from '../shared/transactions';

/**
 * Ends a session: deletes its row (so the cookie is worthless even if it was copied) and
 * records `sign_out` in each organization the person belongs to.
 */
export async function signOut({
  db,
  sessionToken,
  actor,
  ip,
}: {
  db: PrismaClient;
  sessionToken: string;
  actor: Pick<Actor, 'userId' | 'email'>;
  ip?: string | undefined;
}): Promise<{ ended: boolean }> {
  return inUserTransaction({ db }, async (tx) => {
    const { count } = await tx.session.deleteMany({
      where: { sessionToken: hashSecretToken(sessionToken), userId: actor.userId },
    });
    if (count === 0) return { ended: false };
    const memberships = await tx.membership.findMany({
      where: { userId: actor.userId },
      select: { orgId: true },
    });
    for (const { orgId } of memberships) {
      await appendActivity(tx, {
        orgId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action: 'sign_out',
        target: actor.email,
        details: {},
        ip,
      });
    }
    return { ended: true };
  });
}
