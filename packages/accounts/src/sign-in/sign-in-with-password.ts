import type { Prisma, PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '../errors/app-error';
import { type CreatedSession, createSession } from '../sessions/create-session';
import { parseInput } from '../shared/parse-input';
import { verifyPassword } from '../shared/passwords';
import { type SignInInput, signInSchema } from './sign-in.schema';
import {
  clearThrottle,
  findActiveLock,
  lockThrottles,
  minutesUntil,
  registerFailure,
  type ThrottleEntry,
} from './sign-in-throttle';
import { type ThrottleKind, throttleKey, throttlePolicy } from './throttle-policy';

export type SignInResult = CreatedSession & { userId: string; email: string };

type Lock = { kind: ThrottleKind; lockedUntil: Date };

type Attempt =
  | { outcome: 'refused'; lock?: Lock | undefined }
  | { outcome: 'signed-in'; result: SignInResult };

const invalidCredentials = 'The email or password is incorrect.';

/**
 * Local (break-glass) sign-in. Checks the per-account and per-address lockouts, verifies the
 * password (with a dummy verification for unknown accounts, so timing reveals nothing), counts
 * failures, and on success starts a session and records `sign_in`. Lockout messages read the
 * same whether or not the account exists; the lockout itself is recorded in the account's
 * organization when there is one.
 */
export async function signInWithPassword({
  db,
  input,
  ip,
  now = new Date(),
}: {
  db: PrismaClient;
  input: SignInInput;
  ip?: string | undefined;
  now?: Date;
}): Promise<SignInResult> {
  const { email, password } = parseInput(signInSchema, input);
  // Failures must be committed even though the attempt is refused, so the transaction returns
  // an outcome and the refusal is thrown after it commits.
  const attempt = await db.$transaction((tx) => attemptSignIn({ tx, email, password, ip, now }), {
    timeout: 15_000,
  });
  if (attempt.outcome === 'signed-in') return attempt.result;
  if (attempt.lock) throw lockedError(attempt.lock, now);
  throw new AppError('INVALID_CREDENTIALS', invalidCredentials);
}

async function attemptSignIn({
  tx,
  email,
  password,
  ip,
  now,
}: {
  tx: Prisma.TransactionClient;
  email: string;
  password: string;
  ip: string | undefined;
  now: Date;
}): Promise<Attempt> {
  const keys: { kind: ThrottleKind; key: string }[] = [
    { kind: 'account', key: throttleKey('account', email) },
  ];
  if (ip) keys.push({ kind: 'address', key: throttleKey('address', ip) });
  const entries = await lockThrottles(tx, keys, now);
  const activeLock = findActiveLock(entries, now);
  if (activeLock?.row.lockedUntil) {
    return {
      outcome: 'refused',
      lock: { kind: activeLock.kind, lockedUntil: activeLock.row.lockedUntil },
    };
  }

  const user = await tx.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, memberships: { select: { orgId: true } } },
  });
  const passwordMatches = await verifyPassword({ passwordHash: user?.passwordHash, password });
  const orgIds = user?.memberships.map((membership) => membership.orgId) ?? [];

  if (!user || !passwordMatches || orgIds.length === 0) {
    return recordFailure({ tx, entries, email, ip, now, orgIds });
  }

  await clearThrottle(tx, throttleKey('account', email));
  const session = await createSession({ tx, userId: user.id, now });
  for (const orgId of orgIds) {
    await appendActivity(tx, {
      orgId,
      actorUserId: user.id,
      actorEmail: user.email,
      action: 'sign_in',
      target: user.email,
      details: { method: 'password' },
      ip,
    });
  }
  return { outcome: 'signed-in', result: { ...session, userId: user.id, email: user.email } };
}

async function recordFailure({
  tx,
  entries,
  email,
  ip,
  now,
  orgIds,
}: {
  tx: Prisma.TransactionClient;
  entries: ThrottleEntry[];
  email: string;
  ip: string | undefined;
  now: Date;
  orgIds: string[];
}): Promise<Attempt> {
  let lock: Lock | undefined;
  for (const entry of entries) {
    const until = await registerFailure(tx, entry, now);
    if (!until) continue;
    lock ??= { kind: entry.kind, lockedUntil: until };
    for (const orgId of orgIds) {
      // The system locks the account; the person it belongs to did nothing. So the entry has no
      // actor, and the account is its target.
      await appendActivity(tx, {
        orgId,
        action: 'sign_in_lockout',
        target: email,
        details: {
          scope: entry.kind,
          failures: throttlePolicy[entry.kind].maxFailures,
          lockedUntil: until.toISOString(),
        },
        ip,
      });
    }
  }
  return { outcome: 'refused', lock };
}

function lockedError(lock: Lock, now: Date): AppError {
  const minutes = minutesUntil(lock.lockedUntil, now);
  const duration = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const message =
    lock.kind === 'address'
      ? `Too many failed sign-in attempts from your network. Sign-in from it is locked for ${duration}.`
      : `Too many failed sign-in attempts. This account is locked for ${duration}.`;
  return new AppError('SIGN_IN_LOCKED', message);
}
