import type { Role } from '@parapet/db';
import { type DefaultRole, higherRole, type RoleMapping } from './sso-roles';

/**
 * The console role an SSO sign-in grants: the highest role among the mappings whose attribute
 * holds the mapping's value, else the connection's default ('none' → null, no console access).
 * Attribute names compare case-insensitively (IdPs disagree on `groups` vs `Groups`); values
 * compare exactly, since group names are identifiers.
 */
export function mapSsoRole({
  mappings,
  defaultRole,
  attributes,
}: {
  mappings: readonly RoleMapping[];
  defaultRole: DefaultRole;
  attributes: Readonly<Record<string, readonly string[]>>;
}): Role | null {
  const byName = new Map<string, Set<string>>();
  for (const [name, values] of Object.entries(attributes)) {
    const key = name.toLowerCase();
    const set = byName.get(key) ?? new Set<string>();
    for (const value of values) set.add(value);
    byName.set(key, set);
  }
  let role: Role | null = null;
  for (const mapping of mappings) {
    if (byName.get(mapping.attribute.toLowerCase())?.has(mapping.value)) {
      role = higherRole(role, mapping.role);
    }
  }
  if (role !== null) return role;
  return defaultRole === 'none' ? null : defaultRole;
}
