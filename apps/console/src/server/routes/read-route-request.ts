import type { IncomingCall } from '../entries/execute-entry';
import { assertSameOriginWrite } from '../http/assert-same-origin-write';
import { requestContextFromRequest } from '../http/request-context-from-request';

/**
 * Reads one route call from the Fetch API request: for a write, the same-origin guard first,
 * then the request context and the input (the query string of a GET or HEAD, the JSON body
 * otherwise). Runs inside the executor, so whatever a client sent fails as a mapped error.
 */
export async function readRouteRequest({
  request,
  requestId,
}: {
  request: Request;
  requestId: string;
}): Promise<IncomingCall> {
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if (!reads) assertSameOriginWrite(request.headers);
  return {
    request: requestContextFromRequest(request, requestId),
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
