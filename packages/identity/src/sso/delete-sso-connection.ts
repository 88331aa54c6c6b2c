import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  recordActivity,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import type { SsoConnectionView } from './sso-connection-view';
import { toSsoConnectionView } from './sso-connection-view';
import { assertNotLastForRequiredSso } from './update-sso-connection';

/**
 * Deletes a connection (owners only) and returns what it was, so the protocol's own store (the
 * SAML connection in jackson) can be removed after it. Memberships it made stay, with their
 * role frozen; they are no longer updated by any sign-in through it.
 */
export async function deleteSsoConnection({
  db,
  actor,
  id,
  ip,
}: MemberContext & { id: string }): Promise<SsoConnectionView & { samlClientId: string | null }> {
  assertRole(actor, 'owner');
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const existing = await tx.ssoConnection.findFirst({ where: { id } });
    if (!existing) throw new AppError('NOT_FOUND', 'No such SSO connection in this organization.');
    if (existing.enabled) await assertNotLastForRequiredSso(tx, actor.orgId, id);
    await tx.membership.updateMany({
      where: { ssoConnectionId: id },
      data: { ssoConnectionId: null },
    });
    await tx.ssoConnection.deleteMany({ where: { id } });
    await recordActivity(tx, {
      actor,
      action: 'sso.connection_deleted',
      target: existing.name,
      details: { connectionId: id, protocol: existing.protocol },
      ip,
    });
    return { ...toSsoConnectionView(existing), samlClientId: existing.samlClientId };
  });
}
