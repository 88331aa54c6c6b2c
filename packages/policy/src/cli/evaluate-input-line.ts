import type { CompiledPolicy } from '../compile/compile-policy';
import type { Decision, PolicyMode } from '../evaluate/decision';

const WRAPPER_FIELDS = new Set(['groups', 'request']);

function rejected(mode: PolicyMode, reason: string): Decision {
  return { decision: 'deny', ruleId: null, layer: 'default', mode, reason };
}

function describeParseError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decides one line of `eval` input: a request, or `{ "groups": [...], "request": {...} }`, whose
 * groups replace the default ones. A line that is blank, not JSON or not a well-formed wrapper
 * still gets exactly one decision, a deny with a reason, so output lines always pair with input.
 */
export function evaluateInputLine(options: {
  policy: CompiledPolicy;
  line: string;
  defaultGroups: readonly string[];
  mode: PolicyMode;
}): Decision {
  const { policy, line, defaultGroups, mode } = options;
  if (line.trim() === '') return rejected(mode, 'empty line: expected a JSON request');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return rejected(mode, `not valid JSON: ${describeParseError(error)}`);
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !Object.hasOwn(value, 'request')
  ) {
    return policy.evaluate(value, { groups: defaultGroups });
  }
  const wrapper = value as Record<string, unknown>;
  for (const key of Object.keys(wrapper)) {
    if (!WRAPPER_FIELDS.has(key))
      return rejected(mode, `unknown field ${JSON.stringify(key)} next to request`);
  }
  if (wrapper.groups === undefined)
    return policy.evaluate(wrapper.request, { groups: defaultGroups });
  if (!Array.isArray(wrapper.groups) || wrapper.groups.some((group) => typeof group !== 'string')) {
    return rejected(mode, 'groups must be a list of group names');
  }
  return policy.evaluate(wrapper.request, { groups: wrapper.groups as string[] });
}
