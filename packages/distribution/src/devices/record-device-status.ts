import { parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { Prisma } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { deviceIdField } from './device-fields';
import {
  type RecordDeviceStatusInput,
  recordDeviceStatusSchema,
} from './record-device-status.schema';

// Matches no device: a malformed id is "no such device", not a database error.
const nilUuid = '00000000-0000-0000-0000-000000000000';

/**
 * Stores a device's status report (`POST /v1/status`). Each report replaces the last: a report
 * without `lastError` means the device has none now, which is what the console's `failing`
 * reads. Fields a report leaves out (`activeVer`, `activeEtag`, `droppedEvents`) keep their
 * value. The caller has authenticated the device.
 */
export async function recordDeviceStatus({
  db,
  deviceId,
  input,
  now = new Date(),
}: {
  db: PrismaClient;
  deviceId: string;
  input: RecordDeviceStatusInput;
  now?: Date;
}): Promise<void> {
  const { agentVersion, activeVer, activeEtag, lastError, droppedEvents } = parseInput(
    recordDeviceStatusSchema,
    input,
  );
  const { count } = await db.device.updateMany({
    where: { id: deviceIdField.safeParse(deviceId).success ? deviceId : nilUuid },
    data: {
      agentVersion,
      ...(activeVer === undefined ? {} : { activeVer }),
      ...(activeEtag === undefined ? {} : { activeEtag }),
      ...(droppedEvents === undefined ? {} : { droppedEvents: BigInt(droppedEvents) }),
      lastError: lastError ? lastError : Prisma.DbNull,
      lastErrorAt: lastError ? now : null,
      statusAt: now,
      lastSeenAt: now,
    },
  });
  if (count === 0) throw new AppError('NOT_FOUND', 'There is no such device.');
}
