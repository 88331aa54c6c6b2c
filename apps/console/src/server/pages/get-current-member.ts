import { type Actor, listUserMemberships, readSession } from '@parapet/accounts';
import { cache } from 'react';
import { db } from '../db';
import { readRequestContext } from '../http/read-request-context';

export type CurrentMember = {
  actor: Actor;
  name: string | null;
  organizationName: string;
};

/**
 * The signed-in member for the page being rendered, or null. Uses the same session lookup as
 * every server action (hashed token, idle and absolute expiry). Cached per request, so a
 * layout and its page share one lookup.
 */
export const getCurrentMember = cache(async (): Promise<CurrentMember | null> => {
  const request = await readRequestContext();
  const user = await readSession({ db: db(), sessionToken: request.sessionToken });
  if (!user) return null;
  const [membership] = await listUserMemberships({ db: db(), userId: user.userId });
  if (!membership) return null;
  return {
    actor: {
      userId: user.userId,
      email: user.email,
      orgId: membership.orgId,
      role: membership.role,
    },
    name: user.name,
    organizationName: membership.organizationName,
  };
});
