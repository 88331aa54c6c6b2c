import type { Actor, OrgTransaction } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { groupLayer } from '../policy/policy-layer';
import { recordPolicyActivity } from '../policy/record-policy-activity';

/**
 * Creates a group with its empty draft document and records it, inside the caller's transaction
 * (which holds the organization's lock, so the name cannot be taken in between). Every group has
 * its document from the start, so its draft has a revision to save against.
 */
export async function insertPolicyGroup(
  tx: OrgTransaction,
  {
    actor,
    name,
    description,
    ip,
  }: { actor: Actor; name: string; description: string; ip?: string | undefined },
): Promise<{ id: string; name: string; description: string; createdAt: Date }> {
  const existing = await tx.policyGroup.findFirst({ where: { name }, select: { id: true } });
  if (existing) throw new AppError('CONFLICT', `A group named "${name}" already exists.`);
  const group = await tx.policyGroup.create({
    data: { orgId: actor.orgId, name, description },
    select: { id: true, name: true, description: true, createdAt: true },
  });
  await tx.policyDocument.create({
    data: { orgId: actor.orgId, layer: groupLayer(name), groupId: group.id, source: '' },
  });
  await recordPolicyActivity(tx, {
    actor,
    action: 'policy.group_created',
    target: name,
    details: description === '' ? {} : { description },
    ip,
  });
  return group;
}
