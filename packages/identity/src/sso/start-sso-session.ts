import { createSecretToken, hashSecretToken, sessionPolicy } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';

/**
 * Starts the console session of an SSO sign-in, carrying the connection that authenticated it
 * (pages for people, such as device login, trust only an SSO session of the device's
 * organization). Only the token's SHA-256 is stored, like every session.
 */
export async function startSsoSession({
  db,
  userId,
  connectionId,
  now = new Date(),
}: {
  db: PrismaClient;
  userId: string;
  connectionId: string;
  now?: Date;
}): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = createSecretToken();
  const expires = new Date(now.getTime() + sessionPolicy.idleSeconds * 1000);
  await db.session.create({
    data: {
      sessionToken: hashSecretToken(sessionToken),
      userId,
      expires,
      createdAt: now,
      ssoConnectionId: connectionId,
    },
  });
  return { sessionToken, expires };
}
