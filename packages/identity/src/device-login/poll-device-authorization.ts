import { parseInput } from '@parapet/accounts';
import type { Prisma, PrismaClient } from '@parapet/db';
import { enrollPersonDevice, loadKeySets } from '@parapet/distribution';
import { isAppError } from '@parapet/errors';
import { readStoredDevicePublicKey } from './device-authorization-row';
import { hashDeviceLoginCode } from './device-codes';
import {
  type PollDeviceAuthorizationInput,
  pollDeviceAuthorizationSchema,
} from './device-login.schema';

/** RFC 8628 §3.5: a client polling faster than its interval gets slow_down and 5 s more. */
export const slowDownStepSeconds = 5;

/** What one poll of `POST /v1/device/token` comes to: RFC 8628 §3.5's answers, or the device. */
export type DeviceAuthorizationPoll =
  | { outcome: 'authorization_pending' }
  | { outcome: 'slow_down'; intervalSeconds: number }
  | { outcome: 'access_denied'; description: string }
  | { outcome: 'expired_token' }
  | { outcome: 'invalid_grant'; description: string }
  | { outcome: 'enrolled'; deviceId: string; orgId: string; keySets: string[] };

type Locked = Prisma.DeviceAuthorizationGetPayload<object>;

/**
 * One poll by the agent. The authorization's row is locked for the poll, so concurrent polls
 * are answered one after another: an approved authorization enrolls its device exactly once
 * (the first poll consumes it; any other gets invalid_grant), and a poll sooner than the
 * interval after the previous one gets slow_down with the interval raised. The device gets no
 * credential here: it proves it holds the key it registered by the edge's challenge and
 * signature, so a device code seen by someone else enrolls nothing they can use.
 */
export async function pollDeviceAuthorization({
  db,
  input,
  now = new Date(),
}: {
  db: PrismaClient;
  input: PollDeviceAuthorizationInput;
  now?: Date;
}): Promise<DeviceAuthorizationPoll> {
  const { device_code: deviceCode } = parseInput(pollDeviceAuthorizationSchema, input);
  const deviceCodeHash = hashDeviceLoginCode(deviceCode);
  const poll = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM device_authorizations WHERE device_code_hash = ${deviceCodeHash} FOR UPDATE`;
    const id = locked[0]?.id;
    if (id === undefined) return unknownCode();
    const row = await tx.deviceAuthorization.findUniqueOrThrow({ where: { id } });
    return answerPoll(tx, row, now);
  });
  if (poll.outcome !== 'enrolled') return poll;
  return { ...poll, keySets: await loadKeySets({ db, orgId: poll.orgId }) };
}

async function answerPoll(
  tx: Prisma.TransactionClient,
  row: Locked,
  now: Date,
): Promise<DeviceAuthorizationPoll> {
  if (row.state === 'consumed') return unknownCode();
  if (row.state === 'pending') {
    const tooSoon =
      row.lastPolledAt !== null &&
      now.getTime() - row.lastPolledAt.getTime() < row.intervalSeconds * 1000;
    const intervalSeconds = row.intervalSeconds + (tooSoon ? slowDownStepSeconds : 0);
    await tx.deviceAuthorization.update({
      where: { id: row.id },
      data: { lastPolledAt: now, intervalSeconds },
    });
    if (row.expiresAt <= now) return { outcome: 'expired_token' };
    return tooSoon
      ? { outcome: 'slow_down', intervalSeconds }
      : { outcome: 'authorization_pending' };
  }
  if (row.state === 'denied') {
    return { outcome: 'access_denied', description: 'The sign-in was denied.' };
  }
  if (row.expiresAt <= now) return { outcome: 'expired_token' };
  return consume(tx, row, now);
}

async function consume(
  tx: Prisma.TransactionClient,
  row: Locked,
  now: Date,
): Promise<DeviceAuthorizationPoll> {
  const person =
    row.personId === null || row.approvedOrgId === null
      ? null
      : await tx.person.findFirst({
          where: { id: row.personId, orgId: row.approvedOrgId },
          select: { id: true, email: true, active: true },
        });
  if (!person?.active || row.approvedOrgId === null) {
    // Deactivated between approving and this poll: the device must not enroll as them.
    await tx.deviceAuthorization.update({
      where: { id: row.id },
      data: { state: 'denied', lastPolledAt: now },
    });
    return {
      outcome: 'access_denied',
      description: 'The person who approved this sign-in is no longer active.',
    };
  }
  try {
    const { deviceId } = await enrollPersonDevice(tx, {
      orgId: row.approvedOrgId,
      person,
      publicKey: readStoredDevicePublicKey(row.publicJwk),
      device: { hostname: row.hostname, os: row.os, agentVersion: row.agentVersion },
      via: 'device_login',
      now,
    });
    await tx.deviceAuthorization.update({
      where: { id: row.id },
      data: { state: 'consumed', consumedAt: now, deviceId, lastPolledAt: now },
    });
    return { outcome: 'enrolled', deviceId, orgId: row.approvedOrgId, keySets: [] };
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFLICT') {
      return { outcome: 'invalid_grant', description: error.message };
    }
    throw error;
  }
}

function unknownCode(): DeviceAuthorizationPoll {
  return {
    outcome: 'invalid_grant',
    description: 'This device code is unknown or was already used: start the login again.',
  };
}
