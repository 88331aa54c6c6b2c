import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../actions/request-context';
import { sessionCookie } from '../auth/session-cookie';
import { readClientAddress } from './read-client-address';
import { readOrigin } from './read-origin';

/** RequestContext for a route handler, read from the Fetch API request. */
export function requestContextFromRequest(request: Request): RequestContext {
  return {
    sessionToken: readCookie(request.headers.get('cookie'), sessionCookie().name),
    ip: readClientAddress(request.headers),
    origin: readOrigin(request.headers),
    requestId: randomUUID().slice(0, 8),
  };
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return undefined;
}
