import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { inOrgTransaction, recordActivity } from '../shared/org-transaction';
import { parseInput } from '../shared/parse-input';
import { loadManagedMembership } from './load-managed-membership';
import { type RemoveMemberInput, removeMemberSchema } from './remove-member.schema';

/**
 * Removes a member from the organization. Admins cannot remove owners; the last owner can never
 * be removed. A person who belongs to no other organization is deleted with their sessions, so
 * they are signed out at once and can be invited again later with a fresh account.
 */
export async function removeMember({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: RemoveMemberInput }): Promise<{ email: string }> {
  assertRole(actor, 'admin');
  const { membershipId } = parseInput(removeMemberSchema, input);
  const removed = await inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const { membership } = await loadManagedMembership({
      tx,
      actor,
      membershipId,
      leavesOwnerRole: true,
    });
    await tx.membership.delete({ where: { id: membership.id } });
    await recordActivity(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      actorEmail: actor.email,
      action: 'member_removed',
      target: membership.user.email,
      details: { role: membership.role },
      ip,
    });
    return { email: membership.user.email, userId: membership.userId };
  });
  // Users are installation-wide identities. The account goes only if it now belongs to no
  // organization at all: the relation filter asks exactly that, and a person who is still a
  // member elsewhere keeps their account (deleting it would cascade into that other org). The
  // question spans organizations, which the org-scoped client refuses to ask, so it runs on the
  // unscoped client once the removal has committed; if it never runs, the person keeps an
  // account without an organization, which cannot sign in.
  await db.user.deleteMany({ where: { id: removed.userId, memberships: { none: {} } } });
  return { email: removed.email };
}
