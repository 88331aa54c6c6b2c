import { parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { createDeviceAccessToken, type DeviceAccessToken } from './device-access-token';
import {
  type ExchangeDeviceChallengeInput,
  exchangeDeviceChallengeSchema,
} from './device-challenge.schema';
import { verifyDeviceSignature } from './device-public-key';

/**
 * Trades a challenge signed with the device's private key for a 15-minute access token
 * (`POST /v1/auth/token`). The challenge is deleted as it is read, so it works once, signed
 * right or not. The signature is checked before anything about the device is told: only the
 * key's holder learns that the device was revoked (DEVICE_REVOKED) or its person deactivated
 * (PERSON_DEACTIVATED); everyone else gets CHALLENGE_INVALID.
 */
export async function exchangeDeviceChallenge({
  db,
  input,
  now = new Date(),
}: {
  db: PrismaClient;
  input: ExchangeDeviceChallengeInput;
  now?: Date;
}): Promise<DeviceAccessToken> {
  const { device, challenge, signature } = parseInput(exchangeDeviceChallengeSchema, input);
  const [used] = await db.$queryRaw<{ expires_at: Date }[]>`
    DELETE FROM device_challenges
    WHERE nonce = ${challenge} AND device_id = ${device}::uuid
    RETURNING expires_at`;
  if (!used || used.expires_at.getTime() <= now.getTime()) throw challengeInvalid();
  const found = await db.device.findUnique({
    where: { id: device },
    select: { orgId: true, publicJwk: true, revokedAt: true, person: { select: { active: true } } },
  });
  if (
    !found ||
    !verifyDeviceSignature({ publicJwk: found.publicJwk, message: challenge, signature })
  ) {
    throw challengeInvalid();
  }
  if (found.revokedAt) throw deviceRevoked();
  if (found.person && !found.person.active) throw personDeactivated();
  return createDeviceAccessToken({ deviceId: device, orgId: found.orgId, now });
}

function challengeInvalid(): AppError {
  return new AppError(
    'CHALLENGE_INVALID',
    'The challenge is unknown, expired, already used, or not signed by this device’s key.',
  );
}

export function deviceRevoked(): AppError {
  return new AppError('DEVICE_REVOKED', 'This device was revoked: enroll it again to reconnect.');
}

export function personDeactivated(): AppError {
  return new AppError(
    'PERSON_DEACTIVATED',
    'The person this device belongs to is deactivated in the directory.',
  );
}
