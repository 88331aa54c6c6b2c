import {
  credentialAllowRuleSchema,
  credentialDenyRuleSchema,
  filesystemRuleSchema,
  mcpAllowRuleSchema,
  mcpDenyRuleSchema,
  mcpServerSchema,
  mcpToolsSchema,
  networkAllowRuleSchema,
  networkDenyRuleSchema,
} from '@parapet/policy/schema';
import type { z } from 'zod';
import type { PolicySurface, RuleField } from '../document/rule-fields';

// Each schema is taken from the engine's own rule schemas, field by field, so a chip is judged
// by exactly the code that judges the saved document on the server.

const ruleSchemas = {
  network: { allow: networkAllowRuleSchema, deny: networkDenyRuleSchema },
  filesystem: { allow: filesystemRuleSchema, deny: filesystemRuleSchema },
  credentials: { allow: credentialAllowRuleSchema, deny: credentialDenyRuleSchema },
  mcp: { allow: mcpAllowRuleSchema, deny: mcpDenyRuleSchema },
} as const;

type Action = 'allow' | 'deny';

function sharedFieldSchema(field: RuleField, surface: PolicySurface, action: Action): z.ZodType {
  const rule = ruleSchemas[surface][action].shape;
  switch (field) {
    case 'id':
      return rule.id;
    case 'mode':
      return rule.mode.unwrap();
    case 'description':
      return rule.description.unwrap();
    case 'action':
      return filesystemRuleSchema.shape.action;
    default:
      throw new Error(`no schema for ${surface}.${field}`);
  }
}

/** The schema of one value of `field` (one chip of a list, or the whole text of a text field). */
export function ruleValueSchema(
  surface: PolicySurface,
  action: Action,
  field: RuleField,
): z.ZodType {
  switch (field) {
    case 'hosts':
      return ruleSchemas.network[action].shape.hosts.unwrap().element;
    case 'cidrs':
      return networkAllowRuleSchema.shape.cidrs.unwrap().element;
    case 'ports':
      return networkAllowRuleSchema.shape.ports.unwrap().element;
    case 'except':
      return networkDenyRuleSchema.shape.except.unwrap().element;
    case 'paths':
      return filesystemRuleSchema.shape.paths.element;
    case 'access':
      return filesystemRuleSchema.shape.access;
    case 'credential':
      return credentialAllowRuleSchema.shape.credential;
    case 'destinations':
      return credentialAllowRuleSchema.shape.destinations.element;
    case 'ttl':
      return credentialAllowRuleSchema.shape.ttl.unwrap();
    case 'server.url':
      return mcpServerSchema.shape.url.unwrap();
    case 'server.command':
      return mcpServerSchema.shape.command.unwrap().element;
    case 'tools.allow':
    case 'tools.ask':
    case 'tools.deny':
      return mcpToolsSchema.shape.allow.unwrap().element;
    default:
      return sharedFieldSchema(field, surface, action);
  }
}

/** What the editor writes for a typed value: ports that are numbers become numbers. */
export function typedValue(field: RuleField, text: string): unknown {
  return field === 'ports' && /^[0-9]{1,5}$/.test(text) ? Number(text) : text;
}

/**
 * Checks one value as the server would, returning the engine's message when it is refused.
 * Rules whose action is neither allow nor deny are checked as allow rules.
 */
export function validateRuleValue(
  surface: PolicySurface,
  action: string,
  field: RuleField,
  text: string,
): string | undefined {
  const kind = action === 'deny' ? 'deny' : 'allow';
  const key = `${surface}\u0000${kind}\u0000${field}\u0000${text}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const result = ruleValueSchema(surface, kind, field).safeParse(typedValue(field, text));
  const verdict = result.success ? undefined : (result.error.issues[0]?.message ?? 'is not valid');
  // A large document shows thousands of chips on every render: remember recent verdicts.
  if (verdicts.size >= keptVerdicts) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

const verdicts = new Map<string, string | undefined>();
const keptVerdicts = 20_000;
