import { type SsoConnectionView, samlSpValues } from '@parapet/identity';
import { z } from 'zod';

// The shapes the admin API's SSO routes answer with, which the OpenAPI document describes.
// Never a secret (an OIDC client secret is sealed and never shown).

const roleMapping = z.object({
  attribute: z.string(),
  value: z.string(),
  role: z.enum(['owner', 'admin', 'auditor']),
});

export const ssoConnectionOutput = z.object({
  id: z.uuid(),
  protocol: z.enum(['saml', 'oidc']),
  name: z.string(),
  enabled: z.boolean(),
  groupsAttribute: z.string().describe('The IdP attribute (SAML) or claim (OIDC) listing groups.'),
  roleMappings: z.array(roleMapping).describe('Highest matching role wins.'),
  defaultRole: z.enum(['none', 'auditor', 'admin']).describe('When no mapping matches.'),
  saml: z
    .object({ spEntityId: z.string(), acsUrl: z.string(), spMetadataUrl: z.string() })
    .nullable()
    .describe('For SAML: the values to give the IdP.'),
  oidc: z
    .object({ issuer: z.string(), clientId: z.string(), redirectUri: z.string() })
    .nullable()
    .describe('For OIDC: the issuer, client id and the redirect URI to register.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function toSsoConnectionOutput(
  view: SsoConnectionView,
  origin: string,
): z.input<typeof ssoConnectionOutput> {
  return {
    id: view.id,
    protocol: view.protocol,
    name: view.name,
    enabled: view.enabled,
    groupsAttribute: view.groupsAttribute,
    roleMappings: view.roleMappings,
    defaultRole: view.defaultRole,
    saml: view.protocol === 'saml' ? samlSpValues(origin) : null,
    oidc:
      view.protocol === 'oidc'
        ? {
            issuer: view.oidcIssuer ?? '',
            clientId: view.oidcClientId ?? '',
            redirectUri: `${origin}/api/auth/callback/oidc-${view.id}`,
          }
        : null,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}

export const orgDomainOutput = z.object({
  id: z.uuid(),
  domain: z.string(),
  createdAt: z.iso.datetime(),
});

export function toOrgDomainOutput(row: {
  id: string;
  domain: string;
  createdAt: Date;
}): z.input<typeof orgDomainOutput> {
  return { id: row.id, domain: row.domain, createdAt: row.createdAt.toISOString() };
}

export const ssoSettingsOutput = z.object({
  requireSso: z
    .boolean()
    .describe('Password sign-in only for owners (break-glass, flagged in the activity log).'),
});

export const idInput = z.strictObject({ id: z.uuid() });
