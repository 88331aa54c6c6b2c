import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers, before Next.js sees them, the malformed requests Next.js itself would fail on with a
 * 500 before any of the console's code runs:
 * - a path whose percent-encoding does not decode (`/invite/%E0%A4%A`): Next's router throws
 *   decoding the dynamic segment;
 * - a server action call (`Next-Action` header) that is not a multipart form: every action of
 *   the console is called with a form, which React always sends as multipart/form-data, while
 *   any other body is parsed as React's JSON reply format and fails on anything else;
 * - a server action call whose Origin is not the host it was sent to: Next.js refuses it too,
 *   with a 500; here it is a 403.
 * Returns whether it answered. Bodies are not read here; a broken multipart body still ends in
 * Next.js's own error.
 */
export function screenRequest({
  request,
  response,
}: {
  request: IncomingMessage;
  response: ServerResponse;
}): boolean {
  if (!pathDecodes(request.url ?? '/')) {
    return answer(response, 400, 'The address is not validly percent-encoded.');
  }
  if (request.method !== 'POST' || request.headers['next-action'] === undefined) return false;
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'multipart/form-data') {
    return answer(response, 400, 'Server actions take form submissions only.');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && originHost(origin) !== requestHost(request)) {
    return answer(response, 403, 'Requests from other sites are refused.');
  }
  return false;
}

function pathDecodes(url: string): boolean {
  try {
    decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return true;
  } catch {
    return false;
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The host the request was sent to, as Next.js compares it: X-Forwarded-Host, else Host. */
function requestHost(request: IncomingMessage): string | undefined {
  const forwarded = request.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? request.headers.host;
  return host?.split(',')[0]?.trim();
}

function answer(response: ServerResponse, status: number, message: string): true {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(message);
  return true;
}
