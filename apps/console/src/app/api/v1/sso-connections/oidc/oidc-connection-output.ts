import { z } from 'zod';

// What the admin API's OIDC connection routes answer with: never the client secret.

export const oidcConnectionOutput = z.object({
  id: z.uuid(),
  protocol: z.literal('oidc'),
  name: z.string(),
  enabled: z.boolean(),
  issuer: z.string().describe('The issuer as its discovery document names it.'),
  clientId: z.string(),
  groupsAttribute: z.string().describe('The ID token claim that lists the person’s groups.'),
  roleMappings: z.array(
    z.object({
      attribute: z.string(),
      value: z.string(),
      role: z.enum(['owner', 'admin', 'auditor']),
    }),
  ),
  defaultRole: z.enum(['none', 'auditor', 'admin']),
  redirectUri: z.string().describe('The sign-in redirect URI to register at the IdP.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** The API's view of a stored connection, with the redirect URI its IdP must allow. */
export function toOidcConnectionOutput(
  view: {
    id: string;
    name: string;
    enabled: boolean;
    oidcIssuer: string | null;
    oidcClientId: string | null;
    groupsAttribute: string;
    roleMappings: z.infer<typeof oidcConnectionOutput>['roleMappings'];
    defaultRole: z.infer<typeof oidcConnectionOutput>['defaultRole'];
    createdAt: Date;
    updatedAt: Date;
  },
  origin: string,
): z.input<typeof oidcConnectionOutput> {
  return {
    id: view.id,
    protocol: 'oidc',
    name: view.name,
    enabled: view.enabled,
    issuer: view.oidcIssuer ?? '',
    clientId: view.oidcClientId ?? '',
    groupsAttribute: view.groupsAttribute,
    roleMappings: view.roleMappings,
    defaultRole: view.defaultRole,
    redirectUri: `${origin}/api/auth/callback/oidc-${view.id}`,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
