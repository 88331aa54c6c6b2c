import { randomBytes } from 'node:crypto';
import { parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import {
  type IssueDeviceChallengeInput,
  issueDeviceChallengeSchema,
} from './device-challenge.schema';

export const challengeLifetimeSeconds = 60;
// A device needs one challenge at a time; a few allow for retries. Older ones are dropped, so
// an unauthenticated caller cannot grow the table.
const outstandingPerDevice = 5;

export type DeviceChallenge = { challenge: string; expiresAt: Date };

/**
 * A single-use challenge for the device to sign (`POST /v1/auth/challenge`, no authentication).
 * Every caller gets one, for a device that exists or not and revoked or not: the answer tells
 * nothing about device ids; only a challenge issued for an enrolled device is stored and can be
 * exchanged.
 */
export async function issueDeviceChallenge({
  db,
  input,
  now = new Date(),
}: {
  db: PrismaClient;
  input: IssueDeviceChallengeInput;
  now?: Date;
}): Promise<DeviceChallenge> {
  const { device } = parseInput(issueDeviceChallengeSchema, input);
  const challenge = `pdc_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + challengeLifetimeSeconds * 1000);
  const found = await db.device.findUnique({ where: { id: device }, select: { orgId: true } });
  if (!found) return { challenge, expiresAt };
  await db.$transaction([
    db.deviceChallenge.create({
      data: { nonce: challenge, orgId: found.orgId, deviceId: device, expiresAt },
    }),
    db.$executeRaw`
      DELETE FROM device_challenges
      WHERE device_id = ${device}::uuid
        AND (expires_at <= ${now}
             OR nonce NOT IN (SELECT nonce FROM device_challenges
                              WHERE device_id = ${device}::uuid
                              ORDER BY expires_at DESC, nonce
                              LIMIT ${outstandingPerDevice}))`,
  ]);
  return { challenge, expiresAt };
}
