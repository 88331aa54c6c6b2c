import type { Prisma, PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '../errors/app-error';
import { type CreatedSession, createSession } from '../sessions/create-session';
import { parseInput } from '../shared/parse-input';
import { verifyPassword } from '../shared/passwords';
import { type GuardedCheck, guardPasswordCheck } from './guard-password-check';
import { lockedError } from './locked-error';
import { type SignInInput, signInSchema } from './sign-in.schema';

export type SignInResult = CreatedSession & { userId: string; email: string };

const invalidCredentials = 'The email or password is incorrect.';

/**
 * Local (break-glass) sign-in. Runs the password check under the per-address and per-account
 * lockouts (guardPasswordCheck), with a dummy verification for unknown accounts so timing
 * reveals nothing, and on success starts a session and records `sign_in`. Lockout messages read
 * the same whether or not the account exists; the lockout itself is recorded in the account's
 * organizations when there are any.
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
  const attempt: GuardedCheck<SignInResult> = await db.$transaction(
    (tx) =>
      guardPasswordCheck({
        tx,
        email,
        ip,
        now,
        trigger: 'sign_in',
        check: () => checkAndStartSession({ tx, email, password, ip, now }),
      }),
    { timeout: 15_000 },
  );
  if (attempt.outcome === 'passed') return attempt.result;
  if (attempt.lock) throw lockedError({ lock: attempt.lock, now });
  throw new AppError('INVALID_CREDENTIALS', invalidCredentials);
}

async function checkAndStartSession({
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
}) {
  const user = await tx.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, memberships: { select: { orgId: true } } },
  });
  const passwordMatches = await verifyPassword({ passwordHash: user?.passwordHash, password });
  const orgIds = user?.memberships.map((membership) => membership.orgId) ?? [];
  if (!user || !passwordMatches || orgIds.length === 0) return { passed: false as const, orgIds };

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
  return {
    passed: true as const,
    result: { ...session, userId: user.id, email: user.email },
  };
}
