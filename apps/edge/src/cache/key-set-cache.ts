/** An org's key-set chain as GET /v1/keys serves it: the JSON bytes, made once. */
export type KeySetsEntry = { org: string; body: Buffer; version: number };

export type KeySetsLoader = (org: string) => Promise<readonly string[]>;

/**
 * Each org's signed key-set chain, in memory: loaded on first request, replaced when a `keys`
 * notification says a set was added.
 */
export class KeySetCache {
  readonly #entries = new Map<string, KeySetsEntry>();
  readonly #loading = new Map<string, Promise<KeySetsEntry>>();
  readonly #load: KeySetsLoader;

  constructor(load: KeySetsLoader) {
    this.#load = load;
  }

  get(org: string): KeySetsEntry | undefined {
    return this.#entries.get(org);
  }

  load(org: string): Promise<KeySetsEntry> {
    const cached = this.#entries.get(org);
    if (cached) return Promise.resolve(cached);
    let loading = this.#loading.get(org);
    if (!loading) {
      loading = this.#fetch(org).finally(() => this.#loading.delete(org));
      this.#loading.set(org, loading);
    }
    return loading;
  }

  /** Reads a cached org's chain again; orgs not cached load fresh on their next request. */
  async refresh(org: string): Promise<void> {
    await this.#loading.get(org)?.catch(() => undefined);
    if (this.#entries.has(org)) await this.#fetch(org);
  }

  orgs(): string[] {
    return [...this.#entries.keys()];
  }

  async #fetch(org: string): Promise<KeySetsEntry> {
    const keySets = await this.#load(org);
    const current = this.#entries.get(org);
    // A chain only grows: a slower read of an older chain must not replace a longer one.
    if (current && current.version > keySets.length) return current;
    const entry = {
      org,
      body: Buffer.from(JSON.stringify({ keySets }), 'utf8'),
      version: keySets.length,
    };
    this.#entries.set(org, entry);
    return entry;
  }
}
