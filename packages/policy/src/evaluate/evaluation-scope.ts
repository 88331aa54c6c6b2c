import type { Decision } from './decision';

/** What one evaluation needs besides the request: which layers apply, and what to fall back to. */
export interface EvaluationScope {
  /** `active[layer] === 1` when the layer applies to this request's groups. */
  readonly active: Uint8Array;
  /** The default deny. */
  readonly fallback: Decision;
  /** The mode of the default deny and of invalid requests: the guardrails document's. */
  readonly mode: Decision['mode'];
}
