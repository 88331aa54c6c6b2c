import type { PolicyMode } from '../evaluate/decision';

/**
 * Where a compiled rule comes from. `order` is its position across all layers (guardrails,
 * baseline, groups by name, then rule order): the lowest matching order is the rule reported.
 * `layer` indexes the layer, so evaluation can skip rules of groups the user is not in.
 */
export interface RuleOrigin {
  readonly order: number;
  readonly layer: number;
  readonly layerName: string;
  readonly ruleId: string;
  readonly mode: PolicyMode;
}

/** What every index entry carries to be ranked and filtered. */
export interface RankedEntry {
  readonly order: number;
  readonly layer: number;
}
