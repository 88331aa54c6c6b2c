import type { Prisma } from '@parapet/db';
import { createSecretToken, hashSecretToken } from '../shared/tokens';
import { sessionPolicy } from './session-policy';

export type CreatedSession = { sessionToken: string; expires: Date };

/**
 * Starts a database session for a user and returns the cookie's token. Only the token's SHA-256
 * is stored (Auth.js's session table, wrapped by the console's adapter the same way), so the
 * `sessions` table cannot be replayed as cookies. Runs inside the caller's transaction.
 */
export async function createSession({
  tx,
  userId,
  now = new Date(),
}: {
  tx: Prisma.TransactionClient;
  userId: string;
  now?: Date;
}): Promise<CreatedSession> {
  const sessionToken = createSecretToken();
  const expires = new Date(now.getTime() + sessionPolicy.idleSeconds * 1000);
  await tx.session.create({
    data: { sessionToken: hashSecretToken(sessionToken), userId, expires, createdAt: now },
  });
  return { sessionToken, expires };
}
