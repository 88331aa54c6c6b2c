import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { Prisma } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { type DeviceRow, type DeviceState, deviceSelect, toDeviceRow } from './device-row';
import { type ListDevicesInput, listDevicesSchema } from './list-devices.schema';

export type DevicesPage = {
  devices: DeviceRow[];
  /** The org's current bundle generation: a device whose `activeVer` equals it is current. */
  generation: number;
  /** The `cursor` of the next page, or null on the last. */
  nextCursor: string | null;
};

/** One page of the organization's devices, newest enrolled first, filtered. Auditors and up. */
export async function listDevices({
  db,
  actor,
  input = {},
}: Pick<MemberContext, 'db' | 'actor'> & { input?: ListDevicesInput }): Promise<DevicesPage> {
  assertRole(actor, 'auditor');
  const { state, q, person, group, limit, cursor } = parseInput(listDevicesSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const organization = await scoped.organization.findUniqueOrThrow({
    where: { id: actor.orgId },
    select: { bundleVer: true },
  });
  const generation = organization.bundleVer;
  const filters: Prisma.DeviceWhereInput[] = [
    ...(state === undefined ? [] : [stateFilter(state, generation)]),
    ...(person === undefined ? [] : [{ person: { email: person } }]),
    ...(group === undefined
      ? []
      : [
          {
            OR: [
              { groups: { has: group } },
              { person: { active: true, groups: { some: { group: { name: group } } } } },
            ],
          },
        ]),
    ...(q === undefined
      ? []
      : [
          {
            OR: [
              { hostname: { contains: likeLiteral(q), mode: 'insensitive' as const } },
              { person: { email: { contains: likeLiteral(q), mode: 'insensitive' as const } } },
            ],
          },
        ]),
    ...(cursor === undefined ? [] : [{ id: { lt: cursor } }]),
  ];
  // Ids are UUIDv7, so their order is enrollment order and a stable cursor.
  const rows = await scoped.device.findMany({
    where: { AND: filters },
    orderBy: { id: 'desc' },
    take: limit + 1,
    select: deviceSelect,
  });
  const page = rows.slice(0, limit);
  return {
    devices: page.map((row) => toDeviceRow(row, generation)),
    generation,
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

function stateFilter(state: DeviceState, generation: number): Prisma.DeviceWhereInput {
  if (state === 'revoked') return { revokedAt: { not: null } };
  if (state === 'failing')
    return { revokedAt: null, NOT: { lastError: { equals: Prisma.DbNull } } };
  const healthy = { revokedAt: null, lastError: { equals: Prisma.DbNull } };
  if (state === 'current') return { ...healthy, activeVer: generation };
  return { ...healthy, OR: [{ activeVer: null }, { activeVer: { not: generation } }] };
}

/** Prisma passes `contains` to LIKE as is: escape its wildcards so "_" matches only "_". */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
