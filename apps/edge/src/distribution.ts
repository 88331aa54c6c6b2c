import type { PrismaClient } from '@parapet/db';
import {
  ensureBundle,
  loadDeviceFacts,
  loadKeySets,
  resignIfExpiring,
  type DeviceFacts as StoredDeviceFacts,
  touchDevicesLastSeen,
} from '@parapet/distribution';
import type { DeviceFacts } from './cache/device-cache';
import type { EdgeDistribution } from './edge';

// loadDeviceFacts reads one device; a notification that concerns many (a publish, a
// reconnect) reads them this many at a time.
const deviceLoadConcurrency = 16;

/** The distribution domain's functions, bound to this edge's database and settings. */
export function edgeDistribution({
  db,
  issuer,
  bundleTtlSeconds,
}: {
  db: PrismaClient;
  issuer: string;
  bundleTtlSeconds: number;
}): EdgeDistribution {
  return {
    loadDevices: async (deviceIds) => {
      const loaded = new Map<string, DeviceFacts>();
      let next = 0;
      const worker = async () => {
        while (next < deviceIds.length) {
          const deviceId = deviceIds[next] as string;
          next += 1;
          const facts = await loadDeviceFacts({ db, deviceId });
          if (facts) loaded.set(deviceId, toDeviceFacts(facts));
        }
      };
      const workers = Math.min(deviceLoadConcurrency, deviceIds.length);
      await Promise.all(Array.from({ length: workers }, worker));
      return loaded;
    },
    ensureBundle: async ({ org, groups }) => {
      const bundle = await ensureBundle({
        db,
        orgId: org,
        groups,
        issuer,
        ttlSeconds: bundleTtlSeconds,
      });
      return {
        document: bundle.document,
        etag: bundle.etag,
        ver: bundle.ver,
        keySetVersion: bundle.keySetVersion,
        policyVersion: bundle.policyVersion,
        issuedAt: bundle.iat,
        expiresAt: bundle.exp,
      };
    },
    loadKeySets: (org) => loadKeySets({ db, orgId: org }),
    resignIfExpiring: async (org) => {
      await resignIfExpiring({ db, orgId: org, ttlSeconds: bundleTtlSeconds });
    },
    touchLastSeen: async (deviceIds, now) => {
      await touchDevicesLastSeen({ db, deviceIds, now });
    },
  };
}

function toDeviceFacts(facts: StoredDeviceFacts): DeviceFacts {
  return {
    device: facts.deviceId,
    org: facts.orgId,
    person: facts.personId,
    groups: facts.groups,
    groupSetKey: facts.groupSetKey,
    policyVersion: facts.policyVersion,
    refusal: facts.revoked ? 'DEVICE_REVOKED' : facts.personActive ? null : 'PERSON_DEACTIVATED',
  };
}
