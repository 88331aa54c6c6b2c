import { PrismaAdapter } from '@auth/prisma-adapter';
import {
  endAuthJsSession,
  extendAuthJsSession,
  readAuthJsSession,
  storeAuthJsSession,
} from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import type { Adapter, AdapterSession, AdapterUser } from 'next-auth/adapters';

/**
 * Auth.js's Prisma adapter with the session methods replaced by the accounts domain's, so the
 * database only ever holds the SHA-256 of a session token (the cookie holds the token),
 * sessions obey Parapet's idle and absolute limits, and password hashes never leave the
 * database through Auth.js. User and account methods stay Auth.js's own library code, for the
 * SSO providers.
 */
export function createHashedSessionAdapter(prisma: PrismaClient): Adapter {
  const base = PrismaAdapter(prisma as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    createSession: (session) => storeAuthJsSession({ db: prisma, session }),
    getSessionAndUser: (sessionToken) =>
      readAuthJsSession({ db: prisma, sessionToken }) as Promise<{
        session: AdapterSession;
        user: AdapterUser;
      } | null>,
    updateSession: ({ sessionToken, expires }) =>
      extendAuthJsSession({ db: prisma, sessionToken, expires }),
    async deleteSession(sessionToken) {
      await endAuthJsSession({ db: prisma, sessionToken });
      return null;
    },
  };
}
