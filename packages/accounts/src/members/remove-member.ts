import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { inIdentityTransaction, lockIdentity, recordActivity } from '../shared/transactions';
import { loadManagedMembership } from './load-managed-membership';
import { type RemoveMemberInput, removeMemberSchema } from './remove-member.schema';

/**
 * Removes a member from the organization. Admins cannot remove owners; the last owner can never
 * be removed. A person who belongs to no other organization is deleted with their sessions, so
 * they are signed out at once and can be invited again later with a fresh account; both happen
 * in one transaction, so a crash cannot leave an account that belongs nowhere.
 */
export async function removeMember({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: RemoveMemberInput }): Promise<{ email: string }> {
  assertRole(actor, 'admin');
  const { membershipId } = parseInput(removeMemberSchema, input);
  return inIdentityTransaction({ db, orgId: actor.orgId }, async ({ orgTx, identityTx }) => {
    const { membership } = await loadManagedMembership({
      tx: orgTx,
      actor,
      membershipId,
      leavesOwnerRole: true,
    });
    const { email } = membership.user;
    await lockIdentity(identityTx, email);
    await orgTx.membership.delete({ where: { id: membership.id } });
    await recordActivity(orgTx, {
      actor,
      action: 'member_removed',
      target: email,
      details: { role: membership.role },
      ip,
    });
    // Users are installation-wide identities: the account goes only if it now belongs to no
    // organization at all (deleting it otherwise would cascade into the other org). That
    // question spans organizations, so it is asked on the unscoped view of this same
    // transaction, after the identity lock: an invite joining them elsewhere either committed
    // before (and is counted here) or waits for this removal to commit.
    await identityTx.user.deleteMany({
      where: { id: membership.userId, memberships: { none: {} } },
    });
    return { email };
  });
}
