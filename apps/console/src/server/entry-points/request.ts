import { AppError } from '@parapet/errors';
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
  /** The bearer token of the Authorization header (an API key), if any: see readRouteCall. */
  apiKey?: string | undefined;
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
 * How a route reads a request body: a JSON object, a policy document's text as written, a CSV
 * file's text (`text/csv`, as `{ csv }`), or a gzipped archive's bytes (as `{ archive }`).
 */
export type RouteBodyKind = 'json' | 'document' | 'csv' | 'archive';

const archiveMediaTypes = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
]);

/** A document body's format, by the media types that carry it. */
const documentFormats: Record<string, 'yaml' | 'json'> = {
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
  'application/json': 'json',
};

/**
 * One route call from the Fetch API request. The input merges, later ones winning: the query
 * string, the body of a write (a JSON object; or for a `document` route `{ source, format }`,
 * the text kept exactly as sent), the headers the route asks for (`headerInput`: input field →
 * header name) and the path's dynamic segments, so a body cannot point a call at another object
 * than its address names.
 *
 * A request with `Authorization: Bearer …` is an API call: the key is its only credential, its
 * cookies are ignored, and so it skips the same-origin guard, which protects cookie-borne
 * sessions (a page of another site cannot set that header without a CORS preflight, which the
 * console never grants). Any other write passes the guard first. It runs inside the executor,
 * so whatever a client sent fails as a mapped error.
 */
export async function readRouteCall({
  request,
  requestId,
  params = {},
  bodyKind = 'json',
  headerInput = {},
}: {
  request: Request;
  requestId: string;
  params?: Record<string, unknown>;
  bodyKind?: RouteBodyKind;
  headerInput?: Record<string, string>;
}): Promise<IncomingCall> {
  const reads = request.method === 'GET' || request.method === 'HEAD';
  const apiKey = readBearer(request.headers.get('authorization'));
  if (!reads && apiKey === undefined) assertSameOriginWrite(request.headers);
  const fromHeaders: Record<string, unknown> = {};
  for (const [field, header] of Object.entries(headerInput)) {
    const value = request.headers.get(header);
    if (value !== null) fromHeaders[field] = value;
  }
  return {
    request: {
      sessionToken:
        apiKey === undefined
          ? readCookie(request.headers.get('cookie'), sessionCookie().name)
          : undefined,
      apiKey,
      ip: readClientAddress(request.headers),
      origin: readOrigin(request.headers),
      requestId,
    },
    rawInput: {
      ...Object.fromEntries(new URL(request.url).searchParams),
      ...(reads ? {} : await readBody(request, bodyKind)),
      ...fromHeaders,
      ...params,
    },
  };
}

/** The token of `Authorization: Bearer <token>`; a header of another scheme is no key. */
function readBearer(header: string | null): string | undefined {
  const match = header?.match(/^Bearer[ ]+(\S+)[ ]*$/i);
  return match?.[1];
}

async function readBody(request: Request, kind: RouteBodyKind): Promise<Record<string, unknown>> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  // A DELETE, or a POST that acts on what its address names (`…/revoke`, `…/rotate`), needs no
  // body, and then no content type: `curl -X POST` is enough.
  if (!mediaType && (request.method === 'DELETE' || request.method === 'POST')) {
    const text = await request.text();
    if (text === '') return {};
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send a JSON body (Content-Type: application/json).',
    );
  }
  if (kind === 'archive') {
    if (!mediaType || !archiveMediaTypes.has(mediaType)) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the archive as a .tar.gz file (Content-Type: application/gzip).',
      );
    }
    return { archive: Buffer.from(await request.arrayBuffer()) };
  }
  if (kind === 'csv') {
    if (mediaType !== 'text/csv') {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the file as CSV (Content-Type: text/csv).',
      );
    }
    return { csv: await request.text() };
  }
  if (kind === 'document') {
    const format = mediaType ? documentFormats[mediaType] : undefined;
    if (!format) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the document as YAML (Content-Type: application/yaml) or JSON (application/json).',
      );
    }
    return { source: await request.text(), format };
  }
  if (mediaType !== 'application/json') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send a JSON body (Content-Type: application/json).',
    );
  }
  return readJsonBody(request);
}

async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  // No body is no fields, with or without a content type: the route's schema then names what
  // it needs, and a POST that acts on its address alone needs nothing.
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('INVALID_INPUT', 'The body must be a JSON object.');
  }
  return body as Record<string, unknown>;
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
