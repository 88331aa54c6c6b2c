import type { RoleMapping } from '@parapet/identity';
import { z } from 'zod';
import { parseRoleMappingLines } from './oidc/oidc-form-input';

// The SSO page's forms as the identity domain takes them. Role mappings are typed one per line,
// `attribute = value -> role`, the same way as on the OIDC form.

const text = z.string().optional().default('');

function mappings(value: string, context: z.RefinementCtx) {
  const parsed = parseRoleMappingLines(value);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', path: ['roleMappings'], message: parsed.message });
    return z.NEVER;
  }
  // The domain validates the roles again; the line parser only accepts these three.
  return parsed.mappings as RoleMapping[];
}

export const createSamlFormSchema = z
  .object({
    name: text,
    metadataXml: text,
    metadataUrl: text,
    groupsAttribute: text,
    roleMappings: text,
    defaultRole: text,
  })
  .transform((form, context) => ({
    name: form.name,
    ...(form.metadataXml.trim() ? { metadataXml: form.metadataXml } : {}),
    ...(form.metadataUrl.trim() ? { metadataUrl: form.metadataUrl.trim() } : {}),
    groupsAttribute: form.groupsAttribute.trim() || 'groups',
    roleMappings: mappings(form.roleMappings, context),
    defaultRole: (form.defaultRole || 'none') as 'none' | 'auditor' | 'admin',
  }));

export const updateConnectionFormSchema = z
  .object({
    id: z.uuid(),
    name: text,
    enabled: text,
    groupsAttribute: text,
    roleMappings: text,
    defaultRole: text,
  })
  .transform((form, context) => ({
    id: form.id,
    name: form.name,
    enabled: form.enabled === 'on',
    groupsAttribute: form.groupsAttribute.trim() || 'groups',
    roleMappings: mappings(form.roleMappings, context),
    defaultRole: (form.defaultRole || 'none') as 'none' | 'auditor' | 'admin',
  }));

export const requireSsoFormSchema = z
  .object({ requireSso: z.enum(['on', 'off']), understood: text })
  .transform((form, context) => {
    if (form.requireSso === 'on' && form.understood !== 'on') {
      context.addIssue({
        code: 'custom',
        path: ['understood'],
        message: 'Confirm that you understand who can still use a password.',
      });
      return z.NEVER;
    }
    return { requireSso: form.requireSso === 'on' };
  });

export const defaultRoleOptions = [
  { value: 'none', label: 'No console access' },
  { value: 'auditor', label: 'Auditor' },
  { value: 'admin', label: 'Admin' },
];
