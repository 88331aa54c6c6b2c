import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { humanNameField } from '@parapet/accounts/schemas';
import { AppError } from '@parapet/errors';
import { z } from 'zod';
import { settingText } from './setting-text';
import { type SsoConnectionView, toSsoConnectionView } from './sso-connection-view';
import { defaultRoleSchema, roleMappingsSchema } from './sso-roles';

export const updateSsoConnectionSchema = z
  .object({
    name: humanNameField({ empty: 'Give the connection a name.', max: 120 }).optional(),
    enabled: z.boolean().optional(),
    groupsAttribute: settingText({ max: 200 }).optional(),
    roleMappings: roleMappingsSchema.optional(),
    defaultRole: defaultRoleSchema.optional(),
  })
  .strict();
export type UpdateSsoConnectionInput = z.input<typeof updateSsoConnectionSchema>;

/**
 * Changes what every protocol shares: name, enabled, the groups attribute and the role mapping
 * (owners only). Disabling the last enabled connection while "require SSO" is on is refused:
 * members other than owners would be locked out.
 */
export async function updateSsoConnection({
  db,
  actor,
  id,
  input,
  ip,
}: MemberContext & { id: string; input: UpdateSsoConnectionInput }): Promise<SsoConnectionView> {
  assertRole(actor, 'owner');
  const changes = parseInput(updateSsoConnectionSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const existing = await tx.ssoConnection.findFirst({ where: { id } });
    if (!existing) throw new AppError('NOT_FOUND', 'No such SSO connection in this organization.');
    if (changes.enabled === false && existing.enabled) {
      await assertNotLastForRequiredSso(tx, actor.orgId, id);
    }
    const row = await tx.ssoConnection.update({ where: { id }, data: changes });
    await recordActivity(tx, {
      actor,
      action: 'sso.connection_updated',
      target: row.name,
      details: { connectionId: id, changed: Object.keys(changes) },
      ip,
    });
    return toSsoConnectionView(row);
  });
}

/** Refuses to disable or delete the organization's last enabled connection under require SSO. */
export async function assertNotLastForRequiredSso(
  tx: Parameters<Parameters<typeof inOrgTransaction>[1]>[0],
  orgId: string,
  connectionId: string,
): Promise<void> {
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { requireSso: true },
  });
  if (!org.requireSso) return;
  const others = await tx.ssoConnection.count({
    where: { enabled: true, id: { not: connectionId } },
  });
  if (others === 0) {
    throw new AppError(
      'CONFLICT',
      'This is the last enabled connection while "Require SSO" is on. Turn "Require SSO" off first.',
    );
  }
}
