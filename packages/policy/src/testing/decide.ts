import { type CompiledPolicy, compilePolicy } from '../compile/compile-policy';
import type { PolicySources } from '../compile/read-policy-layers';
import type { Decision } from '../evaluate/decision';

/** A spec row's expectation: the decision, and optionally the rule and layer that decide it. */
export type Expected =
  | 'allow'
  | 'deny'
  | 'ask'
  | 'invalid'
  | readonly [decision: string, ruleId: string | null, layer?: string];

/**
 * Projects a decision onto what a row asserts, so `expect(project(actual, row)).toEqual(row)`
 * shows only the fields that disagree. `invalid` means a deny with a reason.
 */
export function project(decision: Decision, expected: Expected): Expected {
  if (expected === 'invalid')
    return decision.decision === 'deny' && decision.reason !== undefined
      ? 'invalid'
      : [decision.decision, decision.ruleId, decision.layer];
  if (typeof expected === 'string')
    return decision.reason === undefined ? decision.decision : 'invalid';
  return expected.length === 3
    ? [decision.decision, decision.ruleId, decision.layer]
    : [decision.decision, decision.ruleId];
}

/** Compiles sources once and returns a function that decides a request for some groups. */
export function decider(
  sources: PolicySources,
): (request: unknown, groups?: readonly string[]) => Decision {
  const policy: CompiledPolicy = compilePolicy(sources);
  return (request, groups = []) => policy.evaluate(request, { groups });
}
