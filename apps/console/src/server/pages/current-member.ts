import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '../db';
import { type CurrentMember, resolveCurrentMember } from '../entry-points/access';
import { readNextRequest } from '../entry-points/request';
import { currentOrgCookie } from '../organizations/current-org-cookie';

export type { CurrentMember };

/**
 * The signed-in member for the page being rendered, or null, through the same resolver as every
 * entry point, in the organization the current-organization cookie names when the person is a
 * member of it (the first of their organizations otherwise). Cached per request, so a layout and
 * its page share one lookup.
 */
export const getCurrentMember = cache(async (): Promise<CurrentMember | null> => {
  const preferredOrgId = (await cookies()).get(currentOrgCookie().name)?.value;
  return resolveCurrentMember({ db: db(), request: await readNextRequest(), preferredOrgId });
});

/** For signed-in pages: the current member, or a redirect to the sign-in page. */
export async function requireMember(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  return member;
}
