import type { SsoConnection } from '@parapet/db';
import {
  type DefaultRole,
  defaultRoleSchema,
  type RoleMapping,
  roleMappingsSchema,
} from './sso-roles';

/** What the console and the API show of a connection: never a secret. */
export type SsoConnectionView = {
  id: string;
  protocol: 'saml' | 'oidc';
  name: string;
  enabled: boolean;
  groupsAttribute: string;
  roleMappings: RoleMapping[];
  defaultRole: DefaultRole;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The view of a stored row. Stored mappings are parsed again on the way out, so a row written
 * by hand that does not fit the schema reads as no mappings and the default role 'none' (fail
 * closed: nobody gains a role from a mapping nobody can see).
 */
export function toSsoConnectionView(row: SsoConnection): SsoConnectionView {
  const mappings = roleMappingsSchema.safeParse(row.roleMappings);
  const defaultRole = defaultRoleSchema.safeParse(row.defaultRole);
  return {
    id: row.id,
    protocol: row.protocol === 'oidc' ? 'oidc' : 'saml',
    name: row.name,
    enabled: row.enabled,
    groupsAttribute: row.groupsAttribute,
    roleMappings: mappings.success ? mappings.data : [],
    defaultRole: defaultRole.success ? defaultRole.data : 'none',
    oidcIssuer: row.oidcIssuer,
    oidcClientId: row.oidcClientId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
