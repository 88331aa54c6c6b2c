import { isUniqueViolation } from '@parapet/accounts';
import type { Prisma, PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { recordDeviceActivity } from '../shared/record-distribution-activity';
import { type DevicePublicKey, devicePublicKeySchema } from './device-fields';
import { deviceKeyThumbprint, storedDeviceKey } from './device-public-key';

export type PersonDeviceFacts = { hostname: string; os: string; agentVersion: string };

/**
 * Creates the device of a person who proved who they are some other way than an enrollment
 * token (device login): it belongs to the person, so its groups are theirs while they are
 * active, and it carries no groups of its own. Runs in the caller's transaction, so the
 * authorization it consumes and the device it creates commit together. A key already enrolled
 * is CONFLICT. The caller has checked the person is active in `orgId`.
 */
export async function enrollPersonDevice(
  tx: Prisma.TransactionClient,
  {
    orgId,
    person,
    publicKey,
    device,
    via,
    now,
  }: {
    orgId: string;
    person: { id: string; email: string };
    publicKey: DevicePublicKey;
    device: PersonDeviceFacts;
    /** Why no token is named: recorded in the activity log (e.g. 'device_login'). */
    via: string;
    now: Date;
  },
): Promise<{ deviceId: string }> {
  const key = devicePublicKeySchema.parse(publicKey);
  const thumbprint = await deviceKeyThumbprint(key);
  const taken = await tx.device.findUnique({
    where: { publicKeyThumbprint: thumbprint },
    select: { id: true },
  });
  if (taken) throw keyTaken();
  try {
    const created = await tx.device.create({
      data: {
        orgId,
        personId: person.id,
        groups: [],
        publicJwk: storedDeviceKey(key),
        publicKeyThumbprint: thumbprint,
        hostname: device.hostname,
        os: device.os,
        agentVersion: device.agentVersion,
        enrolledAt: now,
        lastSeenAt: now,
      },
      select: { id: true },
    });
    await recordDeviceActivity(tx, {
      orgId,
      action: 'device.enrolled',
      target: device.hostname,
      details: { deviceId: created.id, via, person: person.email, groups: [] },
    });
    return { deviceId: created.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken();
    throw error;
  }
}

/** Whether this key already belongs to an enrolled device (checked before a login starts). */
export async function isDeviceKeyEnrolled({
  db,
  publicKey,
}: {
  db: PrismaClient;
  publicKey: { x: string };
}): Promise<boolean> {
  const thumbprint = await deviceKeyThumbprint(publicKey);
  const found = await db.device.findUnique({
    where: { publicKeyThumbprint: thumbprint },
    select: { id: true },
  });
  return found !== null;
}

function keyTaken(): AppError {
  return new AppError(
    'CONFLICT',
    'This device key is already enrolled: generate a new key to enroll again.',
  );
}
