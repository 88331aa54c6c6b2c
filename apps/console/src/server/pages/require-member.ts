import { redirect } from 'next/navigation';
import { type CurrentMember, getCurrentMember } from './get-current-member';

/** For signed-in pages: the current member, or a redirect to the sign-in page. */
export async function requireMember(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect('/sign-in');
  return member;
}
