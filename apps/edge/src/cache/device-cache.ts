import type { Waiter } from './waiters';

/** Why a device is cut off, if it is. */
export type DeviceRefusal = 'DEVICE_REVOKED' | 'PERSON_DEACTIVATED';

/** What the edge needs to know of a device to serve it, from loadDeviceFacts. */
export type DeviceFacts = {
  device: string;
  org: string;
  person: string | null;
  /** The policy groups its bundle applies, sorted, and the key naming that set. */
  groups: readonly string[];
  groupSetKey: string;
  /** The published policy version `groups` were narrowed against. */
  policyVersion: number;
  refusal: DeviceRefusal | null;
};

/** A device as cached: its facts, its waiting requests, and when it was last used. */
export type DeviceEntry = DeviceFacts & {
  /** `org` and `groupSetKey` together: the bundle cache's key. */
  bundleKey: string;
  waiters: Set<Waiter> | undefined;
  lastUsedAt: number;
};

export function bundleKeyOf(org: string, groupSetKey: string): string {
  return `${org}\n${groupSetKey}`;
}

export type DeviceLoader = (deviceIds: readonly string[]) => Promise<Map<string, DeviceFacts>>;

// First loads that arrive within this long are read together in one query: a fleet coming
// back (a restart, a reconnect of every agent) is thousands of first polls in a second, and
// one query for many devices costs about what one costs for one.
const coalesceMs = 3;
const maxBatch = 1_000;

type PendingLoad = {
  ids: string[];
  timer: NodeJS.Timeout | undefined;
  facts: Promise<Map<string, DeviceFacts>>;
  settle: (load: Promise<Map<string, DeviceFacts>>) => void;
};

/**
 * Device facts in memory, loaded once per device and replaced when a notification says the
 * device or its person changed. Concurrent first requests of one device share one load, and
 * first requests of many devices within a few milliseconds share one query.
 */
export class DeviceCache {
  readonly #entries = new Map<string, DeviceEntry>();
  readonly #byPerson = new Map<string, Set<DeviceEntry>>();
  readonly #loading = new Map<string, Promise<DeviceEntry | null>>();
  readonly #load: DeviceLoader;
  #pending: PendingLoad | undefined;

  constructor(load: DeviceLoader) {
    this.#load = load;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(deviceId: string): DeviceEntry | undefined {
    return this.#entries.get(deviceId);
  }

  /** Loads a device not yet cached; null when no such device exists (deleted). */
  load(deviceId: string): Promise<DeviceEntry | null> {
    const cached = this.#entries.get(deviceId);
    if (cached) return Promise.resolve(cached);
    let loading = this.#loading.get(deviceId);
    if (!loading) {
      loading = this.#queue(deviceId)
        .then((facts) => {
          const loaded = facts.get(deviceId);
          // A notification may have reloaded it meanwhile; the cached entry is the newer.
          return this.#entries.get(deviceId) ?? (loaded ? this.#store(loaded) : null);
        })
        .finally(() => this.#loading.delete(deviceId));
      this.#loading.set(deviceId, loading);
    }
    return loading;
  }

  /**
   * Reloads cached devices after a change; returns each with its facts before and after
   * (`after` null when the device no longer exists). Devices not cached are skipped: their
   * first request will load them fresh.
   */
  async reload(
    deviceIds: readonly string[],
  ): Promise<{ entry: DeviceEntry; before: DeviceFacts; after: DeviceFacts | null }[]> {
    // A first load in flight may have read the row before this change: let it land, then
    // read again.
    await Promise.all(deviceIds.map((id) => this.#loading.get(id)?.catch(() => null)));
    const cachedIds = deviceIds.filter((id) => this.#entries.has(id));
    if (cachedIds.length === 0) return [];
    const facts = await this.#load(cachedIds);
    const changes = [];
    for (const id of cachedIds) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      const before: DeviceFacts = { ...entry };
      const after = facts.get(id) ?? null;
      if (after) this.#update(entry, after);
      else this.#forget(entry);
      changes.push({ entry, before, after });
    }
    return changes;
  }

  /** Drops a device that could not be reloaded: its next request loads it afresh. */
  forget(deviceId: string): DeviceEntry | undefined {
    const entry = this.#entries.get(deviceId);
    if (entry) this.#forget(entry);
    return entry;
  }

  devicesOfPerson(person: string): string[] {
    return [...(this.#byPerson.get(person) ?? [])].map((entry) => entry.device);
  }

  /** The org's cached devices whose groups were narrowed against a version below `policyVersion`. */
  devicesOfOrg(org: string, policyVersion = Number.POSITIVE_INFINITY): string[] {
    const ids: string[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.org === org && entry.policyVersion < policyVersion) ids.push(entry.device);
    }
    return ids;
  }

  orgs(): Set<string> {
    const orgs = new Set<string>();
    for (const entry of this.#entries.values()) orgs.add(entry.org);
    return orgs;
  }

  /** The bundle keys some cached device uses. */
  bundleKeysInUse(): Set<string> {
    const keys = new Set<string>();
    for (const entry of this.#entries.values()) keys.add(entry.bundleKey);
    return keys;
  }

  /** Forgets devices unused since `before` that hold no waiting request. */
  evictIdle(before: number): number {
    let evicted = 0;
    for (const entry of this.#entries.values()) {
      if (entry.lastUsedAt < before && entry.waiters === undefined) {
        this.#forget(entry);
        evicted += 1;
      }
    }
    return evicted;
  }

  /** Adds a first load to the batch being gathered; resolves with that batch's facts. */
  #queue(deviceId: string): Promise<Map<string, DeviceFacts>> {
    let pending = this.#pending;
    if (!pending) {
      let settle: PendingLoad['settle'] = () => undefined;
      const facts = new Promise<Map<string, DeviceFacts>>((resolve) => {
        settle = resolve;
      });
      const batch: PendingLoad = { ids: [], timer: undefined, facts, settle };
      batch.timer = setTimeout(() => this.#flush(batch), coalesceMs);
      this.#pending = batch;
      pending = batch;
    }
    pending.ids.push(deviceId);
    if (pending.ids.length >= maxBatch) this.#flush(pending);
    return pending.facts;
  }

  #flush(batch: PendingLoad): void {
    if (this.#pending !== batch) return;
    this.#pending = undefined;
    clearTimeout(batch.timer);
    batch.settle(this.#load(batch.ids));
  }

  #store(facts: DeviceFacts): DeviceEntry {
    const entry: DeviceEntry = {
      ...facts,
      bundleKey: bundleKeyOf(facts.org, facts.groupSetKey),
      waiters: undefined,
      lastUsedAt: Date.now(),
    };
    this.#entries.set(facts.device, entry);
    this.#indexPerson(entry);
    return entry;
  }

  #update(entry: DeviceEntry, facts: DeviceFacts): void {
    this.#unindexPerson(entry);
    entry.org = facts.org;
    entry.person = facts.person;
    entry.groups = facts.groups;
    entry.groupSetKey = facts.groupSetKey;
    entry.policyVersion = facts.policyVersion;
    entry.refusal = facts.refusal;
    entry.bundleKey = bundleKeyOf(facts.org, facts.groupSetKey);
    this.#indexPerson(entry);
  }

  #forget(entry: DeviceEntry): void {
    this.#unindexPerson(entry);
    this.#entries.delete(entry.device);
  }

  #indexPerson(entry: DeviceEntry): void {
    if (entry.person === null) return;
    let devices = this.#byPerson.get(entry.person);
    if (!devices) {
      devices = new Set();
      this.#byPerson.set(entry.person, devices);
    }
    devices.add(entry);
  }

  #unindexPerson(entry: DeviceEntry): void {
    if (entry.person === null) return;
    const devices = this.#byPerson.get(entry.person);
    devices?.delete(entry);
    if (devices?.size === 0) this.#byPerson.delete(entry.person);
  }
}
