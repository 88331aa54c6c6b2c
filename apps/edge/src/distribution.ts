import type { PrismaClient } from '@parapet/db';
import {
  ensureBundle,
  loadKeySets,
  loadManyDeviceFacts,
  resignIfExpiring,
  type DeviceFacts as StoredDeviceFacts,
  touchDevicesLastSeen,
} from '@parapet/distribution';
import type { DeviceFacts } from './cache/device-cache';
import type { EdgeDistribution } from './edge';

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
    // One query for the whole batch (the device cache gathers first loads, a notification
    // reads at most a thousand at a time).
    loadDevices: async (deviceIds) => {
      const stored = await loadManyDeviceFacts({ db, deviceIds });
      const loaded = new Map<string, DeviceFacts>();
      for (const [deviceId, facts] of stored) loaded.set(deviceId, toDeviceFacts(facts));
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
