import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { canManageRole } from '../shared/roles';
import { inOrgTransaction, lockOrganization, recordActivity } from '../shared/transactions';
import { inviteStatus, inviteStatusMessages } from './invite-policy';
import { type RevokeInviteInput, revokeInviteSchema } from './revoke-invite.schema';

/** Revokes a pending invite so its link stops working. Admins cannot revoke owner invites. */
export async function revokeInvite({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: RevokeInviteInput }): Promise<{ inviteId: string }> {
  assertRole(actor, 'admin');
  const { inviteId } = parseInput(revokeInviteSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    // The organization first, as accepting an invite locks it: the two then queue up rather
    // than each holding what the other waits for (the invite's row, the organization's).
    await lockOrganization(tx, actor.orgId);
    const invite = await tx.invite.findFirst({ where: { id: inviteId } });
    if (!invite) throw new AppError('NOT_FOUND', 'This invite does not exist.');
    if (!canManageRole({ actorRole: actor.role, role: invite.role })) {
      throw new AppError('FORBIDDEN', 'Only owners can revoke an invite for an owner.');
    }
    const status = inviteStatus(invite, now);
    if (status === 'accepted' || status === 'revoked') {
      throw new AppError('CONFLICT', inviteStatusMessages[status]);
    }
    // The conditional update makes a concurrent accept and revoke exclusive: one of them wins.
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This invite was used or revoked meanwhile.');
    await recordActivity(tx, {
      actor,
      action: 'invite_revoked',
      target: invite.email,
      details: { role: invite.role },
      ip,
    });
    return { inviteId: invite.id };
  });
}
