import type { Prisma, PrismaClient } from '@parapet/db';
import { groupSetKeyOf, narrowGroups } from '../bundles/group-set';
import { loadPublishedPolicy } from '../bundles/load-published-policy';

export type DeviceFacts = {
  deviceId: string;
  orgId: string;
  revoked: boolean;
  /** False only when the device belongs to a person who is deactivated. */
  personActive: boolean;
  personId: string | null;
  /**
   * The groups its bundle applies: the person's (while active) and the device's own (from its
   * enrollment token), narrowed to the groups of the org's published policy, sorted.
   */
  groups: string[];
  groupSetKey: string;
  /** The published policy version `groups` was narrowed against. */
  policyVersion: number;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const deviceFactsSelect = {
  id: true,
  orgId: true,
  revokedAt: true,
  groups: true,
  personId: true,
  person: {
    select: { active: true, groups: { select: { group: { select: { name: true } } } } },
  },
  organization: { select: { lastPolicyVersion: true } },
} satisfies Prisma.DeviceSelect;

type SelectedDevice = Prisma.DeviceGetPayload<{ select: typeof deviceFactsSelect }>;

/**
 * What the edge needs to know about a device to serve it, in one query (plus the compiled
 * policy, cached per version): null when there is no such device. The edge caches it and
 * drops it on a `device` or `person` notification.
 */
export async function loadDeviceFacts({
  db,
  deviceId,
}: {
  db: PrismaClient;
  deviceId: string;
}): Promise<DeviceFacts | null> {
  if (!uuidPattern.test(deviceId)) return null;
  const device = await db.device.findUnique({ where: { id: deviceId }, select: deviceFactsSelect });
  return device ? toFacts(db, device) : null;
}

/**
 * loadDeviceFacts for many devices in one query (a publish or a reconnect concerns every device
 * an edge serves): the facts of those that exist, by id.
 */
export async function loadManyDeviceFacts({
  db,
  deviceIds,
}: {
  db: PrismaClient;
  deviceIds: readonly string[];
}): Promise<Map<string, DeviceFacts>> {
  const ids = [...new Set(deviceIds)].filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return new Map();
  const devices = await db.device.findMany({
    where: { id: { in: ids } },
    select: deviceFactsSelect,
  });
  const facts = await Promise.all(devices.map((device) => toFacts(db, device)));
  return new Map(facts.map((entry) => [entry.deviceId, entry]));
}

async function toFacts(db: PrismaClient, device: SelectedDevice): Promise<DeviceFacts> {
  const personActive = device.person?.active ?? true;
  const personGroups =
    device.person && personActive ? device.person.groups.map(({ group }) => group.name) : [];
  const policy = await loadPublishedPolicy({
    db,
    orgId: device.orgId,
    version: device.organization.lastPolicyVersion,
  });
  const groups = narrowGroups([...personGroups, ...device.groups], policy.groupNames);
  return {
    deviceId: device.id,
    orgId: device.orgId,
    revoked: device.revokedAt !== null,
    personActive,
    personId: device.personId,
    groups,
    groupSetKey: groupSetKeyOf(groups),
    policyVersion: policy.version,
  };
}
