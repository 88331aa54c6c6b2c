import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { humanNameField } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { settingText } from './setting-text';
import { type SsoConnectionView, toSsoConnectionView } from './sso-connection-view';
import { defaultRoleSchema, roleMappingsSchema } from './sso-roles';

/** What every protocol's create form shares. */
export const ssoConnectionCommonSchema = z.object({
  name: humanNameField({ empty: 'Give the connection a name.', max: 120 }),
  groupsAttribute: settingText({ max: 200 }).default('groups'),
  roleMappings: roleMappingsSchema.default([]),
  defaultRole: defaultRoleSchema.default('none'),
});
export type SsoConnectionCommonInput = z.input<typeof ssoConnectionCommonSchema>;

/** The protocol's own part of the row, written by the protocol module that calls this. */
export type SsoConnectionProtocolFields =
  | { protocol: 'saml'; samlClientId: string }
  | {
      protocol: 'oidc';
      oidcIssuer: string;
      oidcClientId: string;
      oidcClientSecretSealed: Uint8Array<ArrayBuffer>;
    };

/**
 * Stores a new connection of the actor's organization (owners only) and records it. Protocol
 * modules (SAML, OIDC) validate and store their own part first, then call this with it.
 */
export async function createSsoConnection({
  db,
  actor,
  input,
  protocolFields,
  ip,
}: MemberContext & {
  input: SsoConnectionCommonInput;
  protocolFields: SsoConnectionProtocolFields;
}): Promise<SsoConnectionView> {
  assertRole(actor, 'owner');
  const common = parseInput(ssoConnectionCommonSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const row = await tx.ssoConnection.create({
      data: { ...common, ...protocolFields, orgId: actor.orgId, createdByUserId: actor.userId },
    });
    await recordActivity(tx, {
      actor,
      action: 'sso.connection_created',
      target: row.name,
      details: { connectionId: row.id, protocol: row.protocol },
      ip,
    });
    return toSsoConnectionView(row);
  });
}
