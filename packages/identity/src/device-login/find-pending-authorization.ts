import type { Prisma, PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { codeEntryKeys, countWrongCode, lockCodeEntry } from './code-entry-throttle';
import { hashDeviceLoginCode, normalizeUserCode } from './device-codes';
import {
  type DeviceLoginPerson,
  deviceLoginRefusalMessage,
  readDeviceLoginPerson,
} from './read-device-login-person';

export type PendingAuthorization = {
  id: string;
  userCode: string;
  hostname: string;
  os: string;
  agentVersion: string;
  expiresAt: Date;
  createdAt: Date;
};

type Outcome<T> = { kind: 'refused'; error: AppError } | { kind: 'value'; value: T };

/**
 * The pending authorization a person's typed code names, for the SSO person at the page, or
 * an AppError that says what is wrong. Wrong codes are counted (and locked out) in a
 * transaction of their own, committed before the refusal is thrown; `use` runs inside the
 * transaction with the row locked, so a decision and the check it rests on are one.
 */
export async function withPendingAuthorization<T>({
  db,
  sessionToken,
  userCode,
  ip,
  now,
  use,
}: {
  db: PrismaClient;
  sessionToken: string | undefined;
  userCode: string;
  ip: string | undefined;
  now: Date;
  use: (
    tx: Prisma.TransactionClient,
    found: { authorization: PendingAuthorization; person: PersonAtPage },
  ) => Promise<T>;
}): Promise<T> {
  const person = await readDeviceLoginPerson({ db, sessionToken, now });
  if (person.kind !== 'person') {
    const code = person.kind === 'no_sso_session' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    throw new AppError(code, deviceLoginRefusalMessage(person));
  }
  const keys = codeEntryKeys({ sessionKey: person.sessionKey, ip });
  const outcome = await db.$transaction(async (tx): Promise<Outcome<T>> => {
    const lockedUntil = await lockCodeEntry(tx, keys, now);
    if (lockedUntil) return { kind: 'refused', error: lockedOut(lockedUntil, now) };
    const normalized = normalizeUserCode(userCode);
    const rows = normalized
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM device_authorizations
          WHERE user_code_hash = ${hashDeviceLoginCode(normalized)} FOR UPDATE`
      : [];
    const id = rows[0]?.id;
    if (id === undefined || normalized === undefined) {
      await countWrongCode(tx, keys, now);
      return { kind: 'refused', error: unknownCode() };
    }
    const row = await tx.deviceAuthorization.findUniqueOrThrow({ where: { id } });
    if (row.state !== 'pending') return { kind: 'refused', error: alreadyDecided() };
    if (row.expiresAt <= now) return { kind: 'refused', error: expired() };
    const authorization: PendingAuthorization = {
      id: row.id,
      userCode: `${normalized.slice(0, 4)}-${normalized.slice(4)}`,
      hostname: row.hostname,
      os: row.os,
      agentVersion: row.agentVersion,
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
    };
    return { kind: 'value', value: await use(tx, { authorization, person }) };
  });
  if (outcome.kind === 'refused') throw outcome.error;
  return outcome.value;
}

export type PersonAtPage = Extract<DeviceLoginPerson, { kind: 'person' }>;

function lockedOut(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'SIGN_IN_LOCKED',
    `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) },
  );
}

function unknownCode(): AppError {
  return new AppError(
    'NOT_FOUND',
    'No device is waiting for this code. Check it against your terminal, or run parapet-agent login again.',
  );
}

function alreadyDecided(): AppError {
  return new AppError(
    'CONFLICT',
    'This code was already used. Run parapet-agent login again for a new one.',
  );
}

function expired(): AppError {
  return new AppError(
    'CONFLICT',
    'This code has expired. Run parapet-agent login again for a new one.',
  );
}
