import { PrismaAdapter } from '@auth/prisma-adapter';
import { capSessionExpiry, hashSecretToken, readSession } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import type { Adapter, AdapterSession, AdapterUser } from 'next-auth/adapters';

/**
 * Auth.js's Prisma adapter with the session methods replaced so the database only ever holds
 * the SHA-256 of a session token (the cookie holds the token), sessions obey Parapet's idle and
 * absolute limits, and password hashes never leave the database through Auth.js. User and
 * account methods stay Auth.js's own: SSO providers (a later issue) will use them as they are.
 */
export function createHashedSessionAdapter(prisma: PrismaClient): Adapter {
  const base = PrismaAdapter(prisma as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    async createSession({ sessionToken, userId, expires }): Promise<AdapterSession> {
      const now = new Date();
      const capped = capSessionExpiry({ expires, createdAt: now });
      await prisma.session.create({
        data: {
          sessionToken: hashSecretToken(sessionToken),
          userId,
          expires: capped,
          createdAt: now,
        },
      });
      return { sessionToken, userId, expires: capped };
    },
    async getSessionAndUser(sessionToken) {
      const session = await readSession({ db: prisma, sessionToken });
      if (!session) return null;
      const user = await prisma.user.findUnique({
        where: { id: session.userId },
        select: { id: true, email: true, name: true, emailVerified: true, image: true },
      });
      if (!user) return null;
      return {
        session: { sessionToken, userId: session.userId, expires: session.expires },
        user: user satisfies AdapterUser,
      };
    },
    async updateSession({ sessionToken, expires }) {
      const tokenHash = hashSecretToken(sessionToken);
      const row = await prisma.session.findUnique({ where: { sessionToken: tokenHash } });
      if (!row) return null;
      const capped = expires
        ? capSessionExpiry({ expires, createdAt: row.createdAt })
        : row.expires;
      await prisma.session.updateMany({
        where: { sessionToken: tokenHash },
        data: { expires: capped },
      });
      return { sessionToken, userId: row.userId, expires: capped };
    },
    async deleteSession(sessionToken) {
      await prisma.session.deleteMany({ where: { sessionToken: hashSecretToken(sessionToken) } });
      return null;
    },
  };
}
