import type { PrismaClient, Role } from '@parapet/db';

/**
 * Who is acting: a signed-in member of one organization, as resolved by the console, or an API
 * key of the organization. A key acts with its own role, in the name of the member who created
 * it (`userId`, `email`), and names itself in `apiKey` so the activity log records both.
 */
export type Actor = {
  userId: string;
  email: string;
  orgId: string;
  role: Role;
  apiKey?: { id: string; name: string } | undefined;
};

/** What every domain function that acts for a member receives besides its input. */
export type MemberContext = {
  db: PrismaClient;
  actor: Actor;
  /** The client address, recorded in the activity log. */
  ip?: string | undefined;
  /** Injected by tests that move the clock; defaults to the current time. */
  now?: Date | undefined;
};
