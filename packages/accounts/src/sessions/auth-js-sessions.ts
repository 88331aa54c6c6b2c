import type { PrismaClient } from '@parapet/db';
import { hashSecretToken } from '../shared/tokens';
import { readSession } from './read-session';
import { capSessionExpiry } from './session-policy';

// The session storage Auth.js needs (its adapter's session methods), under Parapet's rules:
// only a token's SHA-256 is stored, sessions obey the idle and absolute limits, and a user is
// handed to Auth.js without the password hash.

export type AuthJsSession = { sessionToken: string; userId: string; expires: Date };

export type AuthJsUser = {
  id: string;
  email: string;
  name: string | null;
  emailVerified: Date | null;
  image: string | null;
};

export async function storeAuthJsSession({
  db,
  session,
  now = new Date(),
}: {
  db: PrismaClient;
  session: AuthJsSession;
  now?: Date;
}): Promise<AuthJsSession> {
  const expires = capSessionExpiry({ expires: session.expires, createdAt: now });
  await db.session.create({
    data: {
      sessionToken: hashSecretToken(session.sessionToken),
      userId: session.userId,
      expires,
      createdAt: now,
    },
  });
  return { ...session, expires };
}

/** The live session and its user, or null (ended sessions are removed, as by readSession). */
export async function readAuthJsSession({
  db,
  sessionToken,
}: {
  db: PrismaClient;
  sessionToken: string;
}): Promise<{ session: AuthJsSession; user: AuthJsUser } | null> {
  const session = await readSession({ db, sessionToken });
  if (!session) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, emailVerified: true, image: true },
  });
  if (!user) return null;
  return { session: { sessionToken, userId: session.userId, expires: session.expires }, user };
}

/** Moves a session's end, never past its absolute limit; null when there is no such session. */
export async function extendAuthJsSession({
  db,
  sessionToken,
  expires,
}: {
  db: PrismaClient;
  sessionToken: string;
  expires: Date | undefined;
}): Promise<AuthJsSession | null> {
  const tokenHash = hashSecretToken(sessionToken);
  const row = await db.session.findUnique({ where: { sessionToken: tokenHash } });
  if (!row) return null;
  const capped = expires ? capSessionExpiry({ expires, createdAt: row.createdAt }) : row.expires;
  await db.session.updateMany({ where: { sessionToken: tokenHash }, data: { expires: capped } });
  return { sessionToken, userId: row.userId, expires: capped };
}

export async function endAuthJsSession({
  db,
  sessionToken,
}: {
  db: PrismaClient;
  sessionToken: string;
}): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken: hashSecretToken(sessionToken) } });
}
