import type { PrismaClient } from '@parapet/db';
import { type CompiledPolicy, compilePolicy } from '@parapet/policy';
import { loadPolicySources } from '@parapet/policy-admin';

export type PublishedPolicy = {
  /** 0 before any publish: the empty policy, which denies everything. */
  version: number;
  compiled: CompiledPolicy;
  /** The groups this version has: a device's other groups apply to nothing in it. */
  groupNames: ReadonlySet<string>;
};

// A published version never changes, so a compiled one is never stale: keyed by org and
// version, kept for the few versions edges serve at a time (the newest, during a publish the
// one before). The promise is cached, so concurrent callers compile once.
const maxEntries = 16;
const cache = new Map<string, Promise<PublishedPolicy>>();

/** The organization's published policy `version`, compiled. */
export function loadPublishedPolicy({
  db,
  orgId,
  version,
}: {
  db: PrismaClient;
  orgId: string;
  version: number;
}): Promise<PublishedPolicy> {
  const key = `${orgId}:${version}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
  } else {
    entry = compileVersion({ db, orgId, version });
    entry.catch(() => cache.delete(key));
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, entry);
  return entry;
}

async function compileVersion({
  db,
  orgId,
  version,
}: {
  db: PrismaClient;
  orgId: string;
  version: number;
}): Promise<PublishedPolicy> {
  const sources =
    version === 0
      ? { groups: {} }
      : (await loadPolicySources({ db, orgId, against: version })).sources;
  return {
    version,
    compiled: compilePolicy(sources),
    groupNames: new Set(Object.keys(sources.groups ?? {})),
  };
}
