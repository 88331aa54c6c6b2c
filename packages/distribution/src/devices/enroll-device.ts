import { isUniqueViolation, parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { enrollmentTokenPattern, hashEnrollmentToken } from '../enrollment/enrollment-token-format';
import { loadKeySets } from '../keys/load-key-sets';
import { recordDeviceActivity } from '../shared/record-distribution-activity';
import { createDeviceAccessToken } from './device-access-token';
import { deviceKeyThumbprint, storedDeviceKey } from './device-public-key';
import { type EnrollDeviceInput, enrollDeviceSchema } from './enroll-device.schema';

export type EnrolledDevice = {
  deviceId: string;
  orgId: string;
  /** The control plane's URL the device must find in every bundle's `iss`, as the caller gave it. */
  issuer: string | null;
  /** The org's key-set chain, version 1 first: the device's trust root. */
  keySets: string[];
  accessToken: string;
  accessTokenExpiresAt: Date;
};

/**
 * Enrolls a device with an enrollment token (the edge's `POST /v1/enroll`; no member acts). The
 * token is consumed in the same statement that checks it, so a one-time token enrolls exactly
 * one device however many arrive at once; a reusable one counts its uses. Unknown, expired,
 * used up and revoked tokens (and a token whose person was deactivated since) all get the same
 * ENROLLMENT_TOKEN_INVALID. The device gets the token's person and groups. A public key already
 * enrolled is refused (CONFLICT) and the token is not used up by the attempt.
 */
export async function enrollDevice({
  db,
  input,
  issuer,
  now = new Date(),
}: {
  db: PrismaClient;
  input: EnrollDeviceInput;
  issuer?: string | undefined;
  now?: Date;
}): Promise<EnrolledDevice> {
  const { token, publicKey, device } = parseInput(enrollDeviceSchema, input);
  if (!enrollmentTokenPattern.test(token)) throw tokenInvalid();
  const thumbprint = await deviceKeyThumbprint(publicKey);
  const enrolled = await enroll({
    db,
    tokenHash: hashEnrollmentToken(token),
    thumbprint,
    now,
    publicKey: storedDeviceKey(publicKey),
    device,
  });
  const keySets = await loadKeySets({ db, orgId: enrolled.orgId });
  const { accessToken, expiresAt } = createDeviceAccessToken({ ...enrolled, now });
  return {
    ...enrolled,
    issuer: issuer ?? null,
    keySets,
    accessToken,
    accessTokenExpiresAt: expiresAt,
  };
}

async function enroll({
  db,
  tokenHash,
  thumbprint,
  publicKey,
  device,
  now,
}: {
  db: PrismaClient;
  tokenHash: string;
  thumbprint: string;
  publicKey: ReturnType<typeof storedDeviceKey>;
  device: { hostname: string; os: string; agentVersion: string };
  now: Date;
}): Promise<{ deviceId: string; orgId: string }> {
  try {
    // Unscoped: the token names its organization, which is unknown until it is found.
    return await db.$transaction(async (tx) => {
      const [consumed] = await tx.enrollmentToken.updateManyAndReturn({
        where: {
          tokenHash,
          revokedAt: null,
          expiresAt: { gt: now },
          OR: [{ reusable: true }, { uses: 0 }],
        },
        data: { uses: { increment: 1 }, lastUsedAt: now },
        select: { id: true, orgId: true, personId: true, groups: true, tokenPrefix: true },
      });
      if (!consumed) throw tokenInvalid();
      const person = consumed.personId
        ? await tx.person.findUnique({
            where: { id: consumed.personId },
            select: { email: true, active: true },
          })
        : null;
      // Throwing rolls the use back: a token for someone who has left enrolls nothing.
      if (person && !person.active) throw tokenInvalid();
      const created = await tx.device.create({
        data: {
          orgId: consumed.orgId,
          personId: consumed.personId,
          groups: consumed.groups,
          publicJwk: publicKey,
          publicKeyThumbprint: thumbprint,
          hostname: device.hostname,
          os: device.os,
          agentVersion: device.agentVersion,
          enrollmentTokenId: consumed.id,
          enrolledAt: now,
          lastSeenAt: now,
        },
        select: { id: true },
      });
      await recordDeviceActivity(tx, {
        orgId: consumed.orgId,
        action: 'device.enrolled',
        target: device.hostname,
        details: {
          deviceId: created.id,
          tokenId: consumed.id,
          tokenPrefix: consumed.tokenPrefix,
          person: person?.email ?? null,
          groups: consumed.groups,
        },
      });
      return { deviceId: created.id, orgId: consumed.orgId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'CONFLICT',
        'This device key is already enrolled: generate a new key to enroll again.',
      );
    }
    throw error;
  }
}

function tokenInvalid(): AppError {
  return new AppError(
    'ENROLLMENT_TOKEN_INVALID',
    'This enrollment token is not valid: it may be mistyped, expired, used up or revoked. Ask an admin for a new one.',
  );
}
