import type { Role } from '@parapet/db';
import { z } from 'zod';
import { settingText } from './setting-text';

/** A role an IdP attribute can grant. Owners can be granted by a mapping, never by default. */
export const mappedRoleSchema = z.enum(['owner', 'admin', 'auditor']);

/** The role of a person no mapping matches: 'none' means no console access. */
export const defaultRoleSchema = z.enum(['none', 'auditor', 'admin']);
export type DefaultRole = z.infer<typeof defaultRoleSchema>;

/** One rule: a person whose `attribute` holds `value` gets `role`. */
export const roleMappingSchema = z.object({
  attribute: settingText({ max: 200 }),
  value: settingText({ max: 300 }),
  role: mappedRoleSchema,
});
export type RoleMapping = z.infer<typeof roleMappingSchema>;

export const roleMappingsSchema = z.array(roleMappingSchema).max(100);

const rank: Record<Role, number> = { auditor: 1, admin: 2, owner: 3 };

/** The higher of two roles (null is below every role). */
export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[a] >= rank[b] ? a : b;
}
