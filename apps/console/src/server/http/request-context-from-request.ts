import type { RequestContext } from '../actions/request-context';
import { sessionCookie } from '../auth/session-cookie';
import { readClientAddress } from './read-client-address';
import { readOrigin } from './read-origin';

/** RequestContext for a route handler, read from the Fetch API request. */
export function requestContextFromRequest(request: Request, requestId: string): RequestContext {
  return {
    sessionToken: readCookie(request.headers.get('cookie'), sessionCookie().name),
    ip: readClientAddress(request.headers),
    origin: readOrigin(request.headers),
    requestId,
  };
}

/**
 * One cookie's value from a Cookie header. A value that does not decode (`%E0%A4%A`) is no
 * cookie at all: the caller is treated as signed out, as with any other unknown session.
 */
function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
