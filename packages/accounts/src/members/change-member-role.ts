import type { Role } from '@parapet/db';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { canManageRole, roleLabels } from '../shared/roles';
import { inOrgTransaction, recordActivity } from '../shared/transactions';
import { type ChangeMemberRoleInput, changeMemberRoleSchema } from './change-member-role.schema';
import { loadManagedMembership } from './load-managed-membership';

/**
 * Gives a member another role. Admins manage admins and auditors only: they cannot promote to
 * owner nor demote an owner. The last owner can never be demoted (checked under the org lock).
 */
export async function changeMemberRole({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: ChangeMemberRoleInput }): Promise<{ changed: boolean; role: Role }> {
  assertRole(actor, 'admin');
  const { membershipId, role } = parseInput(changeMemberRoleSchema, input);
  assertMayAssign(actor.role, role);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const { membership, actorRole } = await loadManagedMembership({
      tx,
      actor,
      membershipId,
      leavesOwnerRole: role !== 'owner',
    });
    assertMayAssign(actorRole, role);
    if (membership.role === role) return { changed: false, role };
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordActivity(tx, {
      actor,
      action: 'role_changed',
      target: membership.user.email,
      details: { from: membership.role, to: role },
      ip,
    });
    return { changed: true, role };
  });
}

function assertMayAssign(actorRole: Role, role: Role): void {
  if (canManageRole({ actorRole, role })) return;
  const message = `Only owners can make someone an ${roleLabels[role]}.`;
  throw new AppError('FORBIDDEN', message, { fieldErrors: { role: [message] } });
}
