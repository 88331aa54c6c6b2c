import { AppError } from '@parapet/errors';
import type { Actor } from '../shared/actor';
import { canManageRole, roleAtLeast, roleLabels } from '../shared/roles';
import { lockOrganization, type OrgTransaction } from '../shared/transactions';

const lastOwnerMessage =
  'An organization needs at least one owner. Make someone else an owner first.';

/**
 * Loads a membership the actor wants to change, after locking the organization so what is read
 * below stays true until the transaction ends. The actor's own role is read again under the
 * lock (it may have changed since the request was authorized), and never exceeds the actor's. Refuses memberships that role
 * may not manage and, when `leavesOwnerRole` is set, the organization's last owner.
 */
export async function loadManagedMembership({
  tx,
  actor,
  membershipId,
  leavesOwnerRole,
}: {
  tx: OrgTransaction;
  actor: Actor;
  membershipId: string;
  leavesOwnerRole: boolean;
}) {
  await lockOrganization(tx, actor.orgId);
  const current = await tx.membership.findFirst({ where: { userId: actor.userId } });
  if (!current) throw new AppError('FORBIDDEN', 'You are no longer a member of this organization.');
  // The lower of the two: an API key acts in its creator's name but with its own role, which
  // may be below theirs, and a member demoted since the request was authorized has lost rank.
  const actorRole = roleAtLeast(current.role, actor.role) ? actor.role : current.role;
  const membership = await tx.membership.findFirst({
    where: { id: membershipId },
    include: { user: { select: { email: true } } },
  });
  if (!membership) throw new AppError('NOT_FOUND', 'This member does not exist.');
  if (!canManageRole({ actorRole, role: membership.role })) {
    throw new AppError(
      'FORBIDDEN',
      `Your role cannot change an ${roleLabels[membership.role]}; only owners can.`,
    );
  }
  if (membership.role === 'owner' && leavesOwnerRole) {
    const owners = await tx.membership.count({ where: { role: 'owner' } });
    if (owners <= 1) throw new AppError('LAST_OWNER', lastOwnerMessage);
  }
  return { membership, actorRole };
}
