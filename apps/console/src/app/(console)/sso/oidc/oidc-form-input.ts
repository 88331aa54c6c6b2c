import type { CreateOidcConnectionInput } from '@parapet/identity';
import { z } from 'zod';

// The "Add OIDC connection" form's fields as createOidcConnection takes them. Role mappings
// are typed one per line, `attribute = value -> role` (e.g. `groups = parapet-admins -> admin`),
// which reads like the rule it is; a line that does not parse is a field error naming it.

const mappingLine = /^(.+?)\s*=\s*(.+?)\s*(?:->|→)\s*(owner|admin|auditor)$/i;

export type ParsedMappings =
  | { ok: true; mappings: { attribute: string; value: string; role: string }[] }
  | { ok: false; message: string };

/** Parses the mapping lines; blank lines are skipped. */
export function parseRoleMappingLines(text: string): ParsedMappings {
  const mappings: { attribute: string; value: string; role: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = mappingLine.exec(line);
    if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
      return {
        ok: false,
        message: `Line ${index + 1} is not “attribute = value -> role” (role: owner, admin or auditor).`,
      };
    }
    mappings.push({
      attribute: match[1].trim(),
      value: match[2].trim(),
      role: match[3].toLowerCase(),
    });
  }
  return { ok: true, mappings };
}

/** The role mapping lines of stored rules, for showing them in the form again. */
export function roleMappingLines(
  mappings: { attribute: string; value: string; role: string }[],
): string {
  return mappings.map((rule) => `${rule.attribute} = ${rule.value} -> ${rule.role}`).join('\n');
}

const text = z.string().optional().default('');

export const createOidcConnectionFormSchema = z
  .object({
    name: text,
    issuer: text,
    clientId: text,
    clientSecret: text,
    groupsAttribute: text,
    roleMappings: text,
    defaultRole: text,
  })
  .transform((form, context) => {
    const parsed = parseRoleMappingLines(form.roleMappings);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', path: ['roleMappings'], message: parsed.message });
      return z.NEVER;
    }
    // The domain validates the whole input again (roles, lengths); this only reshapes it.
    return {
      name: form.name,
      issuer: form.issuer,
      clientId: form.clientId,
      clientSecret: form.clientSecret,
      groupsAttribute: form.groupsAttribute.trim() === '' ? 'groups' : form.groupsAttribute,
      roleMappings: parsed.mappings,
      defaultRole: form.defaultRole === '' ? 'none' : form.defaultRole,
    } as CreateOidcConnectionInput;
  });
