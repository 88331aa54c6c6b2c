import type { Decision } from '../evaluate/decision';
import type { EvaluationScope } from '../evaluate/evaluation-scope';

const MAX_CACHED_COMBINATIONS = 4096;

/** One step of the cache: the scope for the names so far, and where each further name leads. */
interface CacheNode {
  scope: EvaluationScope | null;
  next: Map<string, CacheNode> | null;
}

/**
 * Resolves the group names of a request to the layers that apply: guardrails and baseline
 * always, plus the groups the org has. Each list of names is resolved once and remembered in a
 * small trie keyed name by name, so a repeated list costs one map probe per name and allocates
 * nothing. The cache is bounded: past its size it starts afresh. Unknown names are ignored, as
 * POLICY.md says.
 */
export class ActiveLayerCache {
  private readonly groupLayers = new Map<string, number>();
  private readonly base: EvaluationScope;
  private root: CacheNode = { scope: null, next: null };
  private cached = 0;

  constructor(options: {
    layerCount: number;
    groupNames: readonly string[];
    firstGroupLayer: number;
    fallback: Decision;
  }) {
    const active = new Uint8Array(options.layerCount);
    active.fill(1, 0, options.firstGroupLayer);
    this.base = { active, fallback: options.fallback, mode: options.fallback.mode };
    options.groupNames.forEach((name, index) => {
      this.groupLayers.set(name, options.firstGroupLayer + index);
    });
  }

  /** The scope for `groups`, or a reason when `groups` is not a list of strings. */
  resolve(groups: unknown): EvaluationScope | string {
    if (groups === undefined || groups === null) return this.base;
    if (!Array.isArray(groups)) return 'groups must be a list of strings';
    if (groups.length === 0) return this.base;
    let node = this.root;
    for (let index = 0; index < groups.length; index++) {
      const name: unknown = groups[index];
      if (typeof name !== 'string') return 'groups must be a list of strings';
      let next = node.next?.get(name);
      if (next === undefined) {
        next = { scope: null, next: null };
        node.next ??= new Map();
        node.next.set(name, next);
        this.cached++;
      }
      node = next;
    }
    if (node.scope === null) {
      node.scope = this.scopeFor(groups as readonly string[]);
      if (this.cached > MAX_CACHED_COMBINATIONS) {
        this.root = { scope: null, next: null };
        this.cached = 0;
      }
    }
    return node.scope;
  }

  private scopeFor(names: readonly string[]): EvaluationScope {
    const active = this.base.active.slice();
    for (const name of names) {
      const layer = this.groupLayers.get(name);
      if (layer !== undefined) active[layer] = 1;
    }
    return { ...this.base, active };
  }
}
