import { isUniqueViolation, parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { isDeviceKeyEnrolled } from '@parapet/distribution';
import { storedDevicePublicKey } from './device-authorization-row';
import {
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  hashDeviceLoginCode,
} from './device-codes';
import {
  type StartDeviceAuthorizationInput,
  startDeviceAuthorizationSchema,
} from './device-login.schema';
import { deviceLoginConflict } from './device-login-errors';

/** RFC 8628's defaults as Parapet uses them: a code lives 10 minutes, polls every 5 seconds. */
export const deviceLoginDefaults = { lifetimeSeconds: 600, intervalSeconds: 5 } as const;

export type StartedDeviceAuthorization = {
  /** The agent's polling secret; only its hash is stored. */
  deviceCode: string;
  /** `XXXX-XXXX`, shown to the person; only the hash of the normalised form is stored. */
  userCode: string;
  expiresInSeconds: number;
  intervalSeconds: number;
};

// Rows nobody can use any more are deleted a few at a time by new logins, a day after expiry
// (long enough to tell a late poll "expired" rather than "unknown").
const keepExpiredMs = 86_400_000;
const prunedPerStart = 25;

/**
 * Starts a device login (`POST /v1/device/authorize`): stores the device's key and facts under
 * the hashes of a fresh device code and user code. It belongs to no org until a person
 * approves. A key that is already enrolled is refused (CONFLICT) before a person is asked.
 */
export async function startDeviceAuthorization({
  db,
  input,
  now = new Date(),
  lifetimeSeconds = deviceLoginDefaults.lifetimeSeconds,
  intervalSeconds = deviceLoginDefaults.intervalSeconds,
}: {
  db: PrismaClient;
  input: StartDeviceAuthorizationInput;
  now?: Date;
  lifetimeSeconds?: number;
  intervalSeconds?: number;
}): Promise<StartedDeviceAuthorization> {
  const { publicKey, device } = parseInput(startDeviceAuthorizationSchema, input);
  if (await isDeviceKeyEnrolled({ db, publicKey })) throw deviceLoginConflict();
  await db.$executeRaw`
    DELETE FROM device_authorizations WHERE id IN (
      SELECT id FROM device_authorizations
      WHERE expires_at < ${new Date(now.getTime() - keepExpiredMs)}
      LIMIT ${prunedPerStart} FOR UPDATE SKIP LOCKED)`;
  const deviceCode = generateDeviceCode();
  // A user code drawn twice while the first is stored collides on its unique hash: draw again.
  for (let attempt = 0; ; attempt += 1) {
    const userCode = generateUserCode();
    try {
      await db.deviceAuthorization.create({
        data: {
          deviceCodeHash: hashDeviceLoginCode(deviceCode),
          userCodeHash: hashDeviceLoginCode(userCode),
          hostname: device.hostname,
          os: device.os,
          agentVersion: device.agentVersion,
          publicJwk: storedDevicePublicKey(publicKey),
          intervalSeconds,
          expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
          createdAt: now,
        },
      });
      return {
        deviceCode,
        userCode: formatUserCode(userCode),
        expiresInSeconds: lifetimeSeconds,
        intervalSeconds,
      };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }
}
