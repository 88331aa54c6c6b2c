import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { sealSecret } from '@parapet/db/secrets';
import { createSsoConnection } from '../sso/create-sso-connection';
import type { SsoConnectionView } from '../sso/sso-connection-view';
import { assertIssuerUsable } from './assert-issuer-usable';
import {
  type CreateOidcConnectionInput,
  createOidcConnectionSchema,
  oidcClientSecretPurpose,
} from './oidc-connection-schemas';

/**
 * Adds an OIDC connection (owners only): discovers the issuer first (refusing one Parapet could
 * not sign in with), seals the client secret under the master key for this organization, and
 * stores and records the connection through the protocol-neutral core. The secret never comes
 * back: not in the view, not in the activity log.
 */
export async function createOidcConnection({
  db,
  actor,
  input,
  ip,
  fetch,
}: MemberContext & {
  input: CreateOidcConnectionInput;
  fetch?: typeof globalThis.fetch;
}): Promise<SsoConnectionView> {
  assertRole(actor, 'owner');
  const { issuer, clientId, clientSecret, ...common } = parseInput(
    createOidcConnectionSchema,
    input,
  );
  const metadata = await assertIssuerUsable({ issuer, ...(fetch === undefined ? {} : { fetch }) });
  const sealed = sealSecret({
    plaintext: Buffer.from(clientSecret, 'utf8'),
    purpose: oidcClientSecretPurpose,
    orgId: actor.orgId,
  });
  return createSsoConnection({
    db,
    actor,
    input: common,
    ip,
    protocolFields: {
      protocol: 'oidc',
      oidcIssuer: metadata.issuer,
      oidcClientId: clientId,
      oidcClientSecretSealed: sealed,
    },
  });
}
