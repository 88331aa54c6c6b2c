import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { z } from 'zod';

export const ssoSettingsSchema = z.object({ requireSso: z.boolean() }).strict();
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

/**
 * Turns "require SSO" on or off (owners only). On is refused until the organization has an
 * enabled connection, so members are never left without a way in. Once on, password sign-in is
 * refused for everyone but the organization's owners (break-glass), see signInWithPassword.
 */
export async function setRequireSso({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: SsoSettings }): Promise<SsoSettings> {
  assertRole(actor, 'owner');
  const { requireSso } = parseInput(ssoSettingsSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    await lockOrganization(tx, actor.orgId);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: actor.orgId },
      select: { requireSso: true },
    });
    if (org.requireSso === requireSso) return { requireSso };
    if (requireSso && (await tx.ssoConnection.count({ where: { enabled: true } })) === 0) {
      const message = 'Add and enable an SSO connection before requiring SSO.';
      throw new AppError('CONFLICT', message, { fieldErrors: { requireSso: [message] } });
    }
    await tx.organization.update({ where: { id: actor.orgId }, data: { requireSso } });
    await recordActivity(tx, {
      actor,
      action: requireSso ? 'sso.required_on' : 'sso.required_off',
      ip,
    });
    return { requireSso };
  });
}

/** The organization's SSO settings (every member may read them). */
export async function getSsoSettings({
  db,
  orgId,
}: {
  db: MemberContext['db'];
  orgId: string;
}): Promise<SsoSettings> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { requireSso: true },
  });
  return { requireSso: org.requireSso };
}
