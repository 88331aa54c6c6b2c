import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordPolicyActivity } from '../policy/record-policy-activity';
import { type UpdatePolicyGroupInput, updatePolicyGroupSchema } from './policy-group.schema';

/**
 * Changes a group's description. The name is the group's identity in every document, test and
 * person's membership, so it is not renamed here. Admins and owners only.
 */
export async function updatePolicyGroup({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: UpdatePolicyGroupInput }): Promise<{
  name: string;
  description: string;
}> {
  assertRole(actor, 'admin');
  const { name, description } = parseInput(updatePolicyGroupSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    await lockOrganization(tx, actor.orgId);
    const { count } = await tx.policyGroup.updateMany({ where: { name }, data: { description } });
    if (count === 0) throw new AppError('NOT_FOUND', `There is no group named "${name}".`);
    await recordPolicyActivity(tx, {
      actor,
      action: 'policy.group_updated',
      target: name,
      details: { description },
      ip,
    });
    return { name, description };
  });
}
