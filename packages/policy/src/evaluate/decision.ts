export type DecisionValue = 'allow' | 'deny' | 'ask';
export type PolicyMode = 'enforce' | 'audit';

/**
 * The answer to one request. `ruleId`/`layer` name the rule that decided (`null`/`default` for
 * the default deny and for invalid requests); `mode` is that rule's mode. `reason` is present
 * only when the request was invalid or evaluation failed: a plain default deny has none.
 */
export interface Decision {
  readonly decision: DecisionValue;
  readonly ruleId: string | null;
  readonly layer: string;
  readonly mode: PolicyMode;
  readonly reason?: string;
}

/**
 * Decisions for rules are built once at compile time and shared: evaluation returns the same
 * frozen object every time a rule decides, which keeps the hot path free of allocation.
 */
export function ruleDecision(
  decision: DecisionValue,
  ruleId: string,
  layer: string,
  mode: PolicyMode,
): Decision {
  return Object.freeze({ decision, ruleId, layer, mode });
}

export function defaultDeny(mode: PolicyMode): Decision {
  return Object.freeze({ decision: 'deny', ruleId: null, layer: 'default', mode });
}

export function invalidRequest(mode: PolicyMode, reason: string): Decision {
  return { decision: 'deny', ruleId: null, layer: 'default', mode, reason };
}
