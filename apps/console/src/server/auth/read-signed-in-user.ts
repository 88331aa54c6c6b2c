import { readSession, type SessionUser } from '@parapet/accounts';
import { db } from '../db';
import { readNextRequest } from '../entry-points/request';

/**
 * The signed-in person of the page being rendered, member of an organization or not (an SSO
 * sign-in whose mapping gives no console role still has a session, for device login).
 */
export async function readSignedInUser(): Promise<SessionUser | null> {
  const request = await readNextRequest();
  return readSession({ db: db(), sessionToken: request.sessionToken });
}
