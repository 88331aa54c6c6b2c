import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import { insertPolicyGroup } from './insert-policy-group';
import { type CreatePolicyGroupInput, createPolicyGroupSchema } from './policy-group.schema';

export type CreatedPolicyGroup = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
};

/** Creates a policy group with an empty draft. Admins and owners only. */
export async function createPolicyGroup({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: CreatePolicyGroupInput }): Promise<CreatedPolicyGroup> {
  assertRole(actor, 'admin');
  const { name, description } = parseInput(createPolicyGroupSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    await lockOrganization(tx, actor.orgId);
    return insertPolicyGroup(tx, { actor, name, description, ip });
  });
}
