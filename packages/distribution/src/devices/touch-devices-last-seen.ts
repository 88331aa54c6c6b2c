import type { PrismaClient } from '@parapet/db';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Notes that these devices were seen at `now`, in one statement for the whole batch (the edge
 * gathers ids for a few seconds). A time older than the one stored never moves it back.
 */
export async function touchDevicesLastSeen({
  db,
  deviceIds,
  now = new Date(),
}: {
  db: PrismaClient;
  deviceIds: readonly string[];
  now?: Date;
}): Promise<number> {
  const ids = [...new Set(deviceIds)].filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return 0;
  const { count } = await db.device.updateMany({
    where: {
      id: { in: ids },
      OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: now } }],
    },
    data: { lastSeenAt: now },
  });
  return count;
}
