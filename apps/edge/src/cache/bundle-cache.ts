import { bundleKeyOf } from './device-cache';

/** A signed bundle as ensureBundle returns it. */
export type StoredBundle = {
  document: string;
  etag: string;
  ver: number;
  keySetVersion: number;
  policyVersion: number;
  issuedAt: Date;
  expiresAt: Date;
};

export type BundleTarget = { org: string; groupSetKey: string; groups: readonly string[] };

export type BundleLoader = (target: BundleTarget) => Promise<StoredBundle>;

/** A bundle as served: the exact bytes and the header values, computed once. */
export type BundleEntry = BundleTarget & {
  key: string;
  body: Buffer;
  etag: string;
  ver: number;
  policyVersion: number;
  issuedAtMs: number;
  expiresAtMs: number;
  lastUsedAt: number;
  /** Node's raw header lists for a 200 and a 304, made once (the in-memory fast path). */
  okHeaders: string[];
  notModifiedHeaders: string[];
  /**
   * The same lists with `Preference-Applied: wait=N`, by N, made on first use: a publish
   * answers thousands of waiters with one list, not a list per waiter.
   */
  waitedHeaders: Map<number, { ok: string[]; notModified: string[] }>;
};

/**
 * The signed bundles of the (org, group set)s this edge serves, in memory. A miss asks
 * ensureBundle (which signs at most once per generation across every replica); a notification
 * refreshes what is cached. A refresh asked for while one runs runs once more after it, so a
 * generation that lands mid-refresh is never lost, and a bundle never goes back to an older `ver`.
 */
export class BundleCache {
  readonly #entries = new Map<string, BundleEntry>();
  readonly #loading = new Map<string, Promise<BundleEntry>>();
  readonly #refreshing = new Map<string, { done: Promise<void>; again: boolean }>();
  readonly #load: BundleLoader;
  readonly #onLoaded: () => void;

  constructor({
    load,
    onLoaded,
  }: {
    load: BundleLoader;
    /** Counts each bundle fetched into memory (metrics). */
    onLoaded: () => void;
  }) {
    this.#load = load;
    this.#onLoaded = onLoaded;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): BundleEntry | undefined {
    return this.#entries.get(key);
  }

  load(target: BundleTarget): Promise<BundleEntry> {
    const key = bundleKeyOf(target.org, target.groupSetKey);
    const cached = this.#entries.get(key);
    if (cached) return Promise.resolve(cached);
    let loading = this.#loading.get(key);
    if (!loading) {
      loading = this.#fetch(key, target).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  /**
   * Fetches the current bundle of a cached key again (a new generation, a re-sign). Resolves
   * once the cache holds a bundle at least as new as the database had when it was called.
   */
  refresh(key: string): Promise<void> {
    const running = this.#refreshing.get(key);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { done: Promise.resolve(), again: false };
    state.done = (async () => {
      try {
        await this.#loading.get(key)?.catch(() => undefined);
        do {
          state.again = false;
          const cached = this.#entries.get(key);
          if (!cached) return;
          await this.#fetch(key, cached);
        } while (state.again);
      } finally {
        this.#refreshing.delete(key);
      }
    })();
    this.#refreshing.set(key, state);
    return state.done;
  }

  /** Drops a bundle that could not be refreshed: its next request fetches it afresh. */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** The newest policy version among the org's cached bundles; undefined when none is cached. */
  policyVersionOf(org: string): number | undefined {
    let newest: number | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.org === org && (newest === undefined || entry.policyVersion > newest)) {
        newest = entry.policyVersion;
      }
    }
    return newest;
  }

  keysOfOrg(org: string): string[] {
    const keys: string[] = [];
    for (const entry of this.#entries.values()) if (entry.org === org) keys.push(entry.key);
    return keys;
  }

  orgs(): Set<string> {
    const orgs = new Set<string>();
    for (const entry of this.#entries.values()) orgs.add(entry.org);
    return orgs;
  }

  entries(): IterableIterator<BundleEntry> {
    return this.#entries.values();
  }

  /** Forgets bundles unused since `before` that no cached device or waiter needs. */
  evictIdle(before: number, inUse: Set<string>): number {
    let evicted = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.lastUsedAt < before && !inUse.has(key)) {
        this.#entries.delete(key);
        evicted += 1;
      }
    }
    return evicted;
  }

  async #fetch(key: string, target: BundleTarget): Promise<BundleEntry> {
    const bundle = await this.#load(target);
    this.#onLoaded();
    const current = this.#entries.get(key);
    if (current && current.ver > bundle.ver) return current;
    if (current && current.etag === bundle.etag) return current;
    const body = Buffer.from(bundle.document, 'utf8');
    const common = [
      'etag',
      bundle.etag,
      'parapet-bundle-ver',
      String(bundle.ver),
      'parapet-key-set-version',
      String(bundle.keySetVersion),
      'cache-control',
      'no-store',
    ];
    const entry: BundleEntry = {
      key,
      org: target.org,
      groupSetKey: target.groupSetKey,
      groups: target.groups,
      body,
      etag: bundle.etag,
      ver: bundle.ver,
      policyVersion: bundle.policyVersion,
      issuedAtMs: bundle.issuedAt.getTime(),
      expiresAtMs: bundle.expiresAt.getTime(),
      lastUsedAt: current?.lastUsedAt ?? Date.now(),
      okHeaders: [
        'content-type',
        'application/json',
        ...common,
        'content-length',
        String(body.length),
      ],
      notModifiedHeaders: common,
      waitedHeaders: new Map(),
    };
    this.#entries.set(key, entry);
    return entry;
  }
}
