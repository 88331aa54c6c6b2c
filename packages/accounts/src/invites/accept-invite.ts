import type { PrismaClient } from '@parapet/db';
import { AppError } from '../errors/app-error';
import { inOrgTransaction, recordActivity } from '../shared/org-transaction';
import { parseInput } from '../shared/parse-input';
import { hashPassword } from '../shared/passwords';
import { hashSecretToken } from '../shared/tokens';
import { isUniqueViolation } from '../shared/unique-violation';
import { type AcceptInviteInput, acceptInviteSchema } from './accept-invite.schema';
import { inviteStatus, inviteStatusMessages } from './invite-policy';

export type AcceptedInvite = { userId: string; orgId: string; email: string; role: string };

const accountExists = 'An account with this email already exists. Sign in instead.';

/**
 * Accepts an invite: creates the member's account with the chosen name and password, joins the
 * organization with the invited role, and consumes the invite, all in one transaction. The
 * invite is consumed by a conditional update, so of two concurrent accepts exactly one wins.
 * An invite never sets the password of an existing account (that would let whoever holds the
 * link take the account over).
 */
export async function acceptInvite({
  db,
  input,
  ip,
  now = new Date(),
}: {
  db: PrismaClient;
  input: AcceptInviteInput;
  ip?: string | undefined;
  now?: Date;
}): Promise<AcceptedInvite> {
  const { token, name, password } = parseInput(acceptInviteSchema, input);
  // Looking an invite up by its secret is the one read that cannot be scoped: the org is what
  // the token tells us. Everything after it is scoped to that org.
  const invite = await db.invite.findUnique({ where: { tokenHash: hashSecretToken(token) } });
  if (!invite) throw new AppError('INVITE_UNUSABLE', 'This invite link is not valid.');
  const status = inviteStatus(invite, now);
  if (status !== 'pending') throw new AppError('INVITE_UNUSABLE', inviteStatusMessages[status]);
  const passwordHash = await hashPassword(password);
  try {
    return await inOrgTransaction({ db, orgId: invite.orgId }, async (tx) => {
      const { count } = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (count === 0) throw new AppError('INVITE_UNUSABLE', inviteStatusMessages.accepted);
      const existing = await tx.user.findUnique({ where: { email: invite.email } });
      if (existing) throw new AppError('CONFLICT', accountExists);
      const user = await tx.user.create({ data: { email: invite.email, name, passwordHash } });
      await tx.membership.create({
        data: { orgId: invite.orgId, userId: user.id, role: invite.role },
      });
      await recordActivity(tx, {
        orgId: invite.orgId,
        actorUserId: user.id,
        actorEmail: invite.email,
        action: 'invite_accepted',
        target: invite.email,
        details: { role: invite.role },
        ip,
      });
      return { userId: user.id, orgId: invite.orgId, email: invite.email, role: invite.role };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', accountExists);
    throw error;
  }
}
