import type { Decision } from '../evaluate/decision';
import type { EvaluationScope } from '../evaluate/evaluation-scope';

const MAX_CACHED_SCOPES = 4096;
/** Up to this many groups, a set of groups is a bit mask; beyond it, a sorted name list. */
const MAX_MASK_GROUPS = 30;

/**
 * Resolves the group names of a request to the layers that apply: guardrails and baseline
 * always, plus the groups the org has; unknown names are ignored, as docs/policy-language.md
 * § Decision says. Each set of groups is resolved once and remembered (a bounded number of them:
 * past the bound the cache starts afresh), keyed by a bit mask of the org's groups, so a repeated
 * set costs one map probe per name and allocates nothing, whatever order the names come in.
 */
export class ActiveLayerCache {
  private readonly groupIndexes = new Map<string, number>();
  private readonly base: EvaluationScope;
  private readonly firstGroupLayer: number;
  private readonly cache = new Map<number | string, EvaluationScope>();

  constructor(options: {
    layerCount: number;
    groupNames: readonly string[];
    firstGroupLayer: number;
    fallback: Decision;
  }) {
    const active = new Uint8Array(options.layerCount);
    active.fill(1, 0, options.firstGroupLayer);
    this.base = { active, fallback: options.fallback, mode: options.fallback.mode };
    this.firstGroupLayer = options.firstGroupLayer;
    options.groupNames.forEach((name, index) => {
      this.groupIndexes.set(name, index);
    });
  }

  /** The scope for `groups`, or a reason when `groups` is not a list of strings. */
  resolve(groups: unknown): EvaluationScope | string {
    if (groups === undefined || groups === null) return this.base;
    if (!Array.isArray(groups)) return 'groups must be a list of strings';
    if (groups.length === 0) return this.base;
    // Indexes past the mask's bits, only for orgs with many groups.
    let indexes: number[] | null = null;
    let mask = 0;
    for (let position = 0; position < groups.length; position++) {
      const name: unknown = groups[position];
      if (typeof name !== 'string') return 'groups must be a list of strings';
      const index = this.groupIndexes.get(name);
      if (index === undefined) continue;
      if (index < MAX_MASK_GROUPS) mask |= 1 << index;
      else {
        indexes ??= [];
        indexes.push(index);
      }
    }
    if (mask === 0 && indexes === null) return this.base;
    const key =
      indexes === null ? mask : `${mask}:${indexes.sort((left, right) => left - right).join(',')}`;
    let scope = this.cache.get(key);
    if (scope === undefined) {
      scope = this.scopeFor(mask, indexes ?? []);
      if (this.cache.size >= MAX_CACHED_SCOPES) this.cache.clear();
      this.cache.set(key, scope);
    }
    return scope;
  }

  private scopeFor(mask: number, indexes: readonly number[]): EvaluationScope {
    const active = this.base.active.slice();
    for (let index = 0; index < MAX_MASK_GROUPS; index++) {
      if ((mask & (1 << index)) !== 0) active[this.firstGroupLayer + index] = 1;
    }
    for (const index of indexes) active[this.firstGroupLayer + index] = 1;
    return { ...this.base, active };
  }
}
