import { cookies, headers } from 'next/headers';
import { sessionCookie } from '../auth/session-cookie';
import { assertSameOriginWrite } from '../http/assert-same-origin-write';
import { newRequestId } from '../http/new-request-id';
import { readClientAddress } from '../http/read-client-address';
import { readOrigin } from '../http/read-origin';

/**
 * What the server knows about one request, independent of Next.js, so entry points can be run
 * by tests against a real database with a real session token and no web server.
 */
export type RequestContext = {
  /** The raw session cookie value, if any. */
  sessionToken: string | undefined;
  /** The client address (see readClientAddress). */
  ip: string | undefined;
  /** The console's own origin, for links shown to the user (invites). */
  origin: string;
  /** Correlates a generic error shown to the user with the server log. */
  requestId: string;
};

/** What one call brings: the request, and its input before validation. */
export type IncomingCall = { request: RequestContext; rawInput: Record<string, unknown> };

/** The request Next.js is serving (a page render or a server action), read through its API. */
export async function readNextRequest(requestId: string = newRequestId()): Promise<RequestContext> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return {
    sessionToken: cookieStore.get(sessionCookie().name)?.value,
    ip: readClientAddress(headerList),
    origin: readOrigin(headerList),
    requestId,
  };
}

/**
 * One route call from the Fetch API request: for a write, the same-origin guard first, then the
 * request and the input (the query string of a GET or HEAD, the JSON body otherwise). It runs
 * inside the executor, so whatever a client sent fails as a mapped error.
 */
export async function readRouteCall(request: Request, requestId: string): Promise<IncomingCall> {
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if (!reads) assertSameOriginWrite(request.headers);
  return {
    request: {
      sessionToken: readCookie(request.headers.get('cookie'), sessionCookie().name),
      ip: readClientAddress(request.headers),
      origin: readOrigin(request.headers),
      requestId,
    },
    rawInput: reads
      ? Object.fromEntries(new URL(request.url).searchParams)
      : await readJsonBody(request),
  };
}

async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  // The schemas are objects: anything else (unreadable JSON, an array, a string) fails their
  // validation as a form-level error, under a key no schema has.
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : { _body: 'not a JSON object' };
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
