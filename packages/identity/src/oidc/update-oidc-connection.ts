import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { sealSecret } from '@parapet/db/secrets';
import { AppError } from '@parapet/errors';
import { type SsoConnectionView, toSsoConnectionView } from '../sso/sso-connection-view';
import { assertIssuerUsable } from './assert-issuer-usable';
import {
  oidcClientSecretPurpose,
  type UpdateOidcConnectionInput,
  updateOidcConnectionSchema,
} from './oidc-connection-schemas';

/**
 * Changes an OIDC connection's issuer, client id or client secret (owners only; the shared
 * fields go through updateSsoConnection). A new issuer is discovered before it is saved; a new
 * secret is sealed; the activity log names what changed, never a value of the secret. Sign-ins
 * pick the change up at once: their cache is keyed by the row's update time.
 */
export async function updateOidcConnection({
  db,
  actor,
  id,
  input,
  ip,
  fetch,
}: MemberContext & {
  id: string;
  input: UpdateOidcConnectionInput;
  fetch?: typeof globalThis.fetch;
}): Promise<SsoConnectionView> {
  assertRole(actor, 'owner');
  const changes = parseInput(updateOidcConnectionSchema, input);
  const issuer =
    changes.issuer === undefined
      ? undefined
      : (
          await assertIssuerUsable({
            issuer: changes.issuer,
            ...(fetch === undefined ? {} : { fetch }),
          })
        ).issuer;
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const existing = await tx.ssoConnection.findFirst({ where: { id, protocol: 'oidc' } });
    if (!existing) throw new AppError('NOT_FOUND', 'No such OIDC connection in this organization.');
    const row = await tx.ssoConnection.update({
      where: { id },
      data: {
        ...(issuer === undefined ? {} : { oidcIssuer: issuer }),
        ...(changes.clientId === undefined ? {} : { oidcClientId: changes.clientId }),
        ...(changes.clientSecret === undefined
          ? {}
          : {
              oidcClientSecretSealed: sealSecret({
                plaintext: Buffer.from(changes.clientSecret, 'utf8'),
                purpose: oidcClientSecretPurpose,
                orgId: actor.orgId,
              }),
            }),
      },
    });
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
