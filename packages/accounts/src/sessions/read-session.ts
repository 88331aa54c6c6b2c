import type { PrismaClient } from '@parapet/db';
import { hashSecretToken } from '../shared/tokens';
import { capSessionExpiry, sessionPolicy } from './session-policy';

export type SessionUser = {
  userId: string;
  email: string;
  name: string | null;
  expires: Date;
  createdAt: Date;
};

/**
 * Resolves a session cookie's token to its user, or null when there is no such session or it
 * has ended (idle or absolute limit). Ended sessions are deleted on sight. A live session's
 * idle deadline slides forward (at most every `updateAgeSeconds`, never past the absolute end).
 */
export async function readSession({
  db,
  sessionToken,
  now = new Date(),
}: {
  db: PrismaClient;
  sessionToken: string | undefined;
  now?: Date;
}): Promise<SessionUser | null> {
  if (!sessionToken) return null;
  const tokenHash = hashSecretToken(sessionToken);
  const row = await db.session.findUnique({
    where: { sessionToken: tokenHash },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!row) return null;
  const expires = capSessionExpiry({ expires: row.expires, createdAt: row.createdAt });
  if (expires.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { sessionToken: tokenHash } });
    return null;
  }
  const slid = await slideExpiry({ db, tokenHash, expires, createdAt: row.createdAt, now });
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    expires: slid,
    createdAt: row.createdAt,
  };
}

async function slideExpiry({
  db,
  tokenHash,
  expires,
  createdAt,
  now,
}: {
  db: PrismaClient;
  tokenHash: string;
  expires: Date;
  createdAt: Date;
  now: Date;
}): Promise<Date> {
  const lastTouched = expires.getTime() - sessionPolicy.idleSeconds * 1000;
  if (now.getTime() - lastTouched < sessionPolicy.updateAgeSeconds * 1000) return expires;
  const next = capSessionExpiry({
    expires: new Date(now.getTime() + sessionPolicy.idleSeconds * 1000),
    createdAt,
  });
  if (next.getTime() <= expires.getTime()) return expires;
  await db.session.updateMany({ where: { sessionToken: tokenHash }, data: { expires: next } });
  return next;
}
