import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '../db';
import { type CurrentMember, resolveCurrentMember } from '../entry-points/access';
import { readNextRequest } from '../entry-points/request';

export type { CurrentMember };

/**
 * The signed-in member for the page being rendered, or null, through the same resolver as every
 * entry point. Cached per request, so a layout and its page share one lookup.
 */
export const getCurrentMember = cache(
  async (): Promise<CurrentMember | null> =>
    resolveCurrentMember({ db: db(), request: await readNextRequest() }),
);

/** For signed-in pages: the current member, or a redirect to the sign-in page. */
export async function requireMember(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  return member;
}
