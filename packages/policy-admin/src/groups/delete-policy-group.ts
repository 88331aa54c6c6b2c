import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordPolicyActivity } from '../policy/record-policy-activity';
import { type DeletePolicyGroupInput, deletePolicyGroupSchema } from './policy-group.schema';

/**
 * Deletes a group: its draft document and its people's memberships go with it (the database
 * cascades both). Published versions keep the group's document as it was. A test elsewhere that
 * names the group will make the next publish fail until it is changed. Admins and owners only.
 */
export async function deletePolicyGroup({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: DeletePolicyGroupInput }): Promise<{ name: string; members: number }> {
  assertRole(actor, 'admin');
  const { name } = parseInput(deletePolicyGroupSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    await lockOrganization(tx, actor.orgId);
    const group = await tx.policyGroup.findFirst({
      where: { name },
      select: { id: true, _count: { select: { members: true } } },
    });
    if (!group) throw new AppError('NOT_FOUND', `There is no group named "${name}".`);
    await tx.policyGroup.delete({ where: { id: group.id } });
    const members = group._count.members;
    await recordPolicyActivity(tx, {
      actor,
      action: 'policy.group_deleted',
      target: name,
      details: { members },
      ip,
    });
    return { name, members };
  });
}
