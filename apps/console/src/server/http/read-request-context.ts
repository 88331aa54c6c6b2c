import { cookies, headers } from 'next/headers';
import type { RequestContext } from '../actions/request-context';
import { sessionCookie } from '../auth/session-cookie';
import { newRequestId } from './new-request-id';
import { readClientAddress } from './read-client-address';
import { readOrigin } from './read-origin';

/** Reads the current Next.js request into the framework-free RequestContext. */
export async function readRequestContext(
  requestId: string = newRequestId(),
): Promise<RequestContext> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return {
    sessionToken: cookieStore.get(sessionCookie().name)?.value,
    ip: readClientAddress(headerList),
    origin: readOrigin(headerList),
    requestId,
  };
}
