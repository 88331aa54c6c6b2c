import type { PrismaClient, Role } from '@parapet/db';

/** Who is acting: a signed-in member of one organization, as resolved by the console. */
export type Actor = {
  userId: string;
  email: string;
  orgId: string;
  role: Role;
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
