import { IncomingMessage, type ServerResponse } from 'node:http';
import { type AppErrorCode, appErrorStatus } from '@parapet/errors';
import { newRequestId } from '../http/new-request-id';

/**
 * The largest request body the console takes: 1 MB, what Next.js allows a server action's body
 * (serverActions.bodySizeLimit, left at its default in next.config.ts; keep this no larger). The
 * console takes no uploads: its forms and JSON bodies are a few kilobytes.
 */
export const requestBodyLimit = 1024 * 1024;

const tooLarge = 'The request body is larger than the console accepts (1 MB).';

/**
 * Answers, before Next.js sees them, the malformed or oversized requests Next.js itself would fail
 * on with a 500 before any of the console's code runs:
 * - a path whose percent-encoding does not decode (`/invite/%E0%A4%A`): Next's router throws
 *   decoding the dynamic segment;
 * - a server action call (`Next-Action` header) that is not a multipart form: every action of
 *   the console is called with a form, which React always sends as multipart/form-data, while
 *   any other body is parsed as React's JSON reply format and fails on anything else;
 * - a server action call whose Origin is not the host it was sent to: Next.js refuses it too,
 *   with a 500; here it is a 403;
 * - a body over requestBodyLimit (413), on any request: Next.js fails an action's with a 500,
 *   and would read a route's whole, however large;
 * - a multipart form post whose form data does not parse (400): Next.js decodes every one
 *   posted to a page as a possible server action, with or without the header, and fails.
 * Returns the request to hand to Next.js (a copy when the body had to be read here), or
 * 'answered'. Under /api/ the answer is the route handlers' JSON error body, elsewhere text (what
 * a browser shows, and what Next's client raises for a failed action call).
 */
export async function screenRequest({
  request,
  response,
}: {
  request: IncomingMessage;
  response: ServerResponse;
}): Promise<IncomingMessage | 'answered'> {
  const refusal = screenHeaders(request);
  if (refusal) return answer({ request, response, ...refusal });

  const declaredLength = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (declaredLength !== undefined && Number(declaredLength) > requestBodyLimit) {
    return answer({ request, response, code: 'PAYLOAD_TOO_LARGE', message: tooLarge });
  }
  const form = request.method === 'POST' && mediaType(request) === 'multipart/form-data';
  // Other bodies of a known length within the limit go on unread: Next.js reads them itself.
  if (!chunked && !form) return request;

  const body = await readBody(request);
  if (body === 'aborted') return 'answered';
  if (body === 'too large') {
    return answer({ request, response, code: 'PAYLOAD_TOO_LARGE', message: tooLarge });
  }
  if (form && !(await parsesAsForm(body, request.headers['content-type']))) {
    const message = 'The form data could not be read.';
    return answer({ request, response, code: 'INVALID_INPUT', message });
  }
  return withBody(request, body);
}

type Refusal = { code: AppErrorCode; message: string };

function screenHeaders(request: IncomingMessage): Refusal | undefined {
  if (!pathDecodes(request.url ?? '/')) {
    return { code: 'INVALID_INPUT', message: 'The address is not validly percent-encoded.' };
  }
  if (request.method !== 'POST' || request.headers['next-action'] === undefined) return undefined;
  if (mediaType(request) !== 'multipart/form-data') {
    return { code: 'INVALID_INPUT', message: 'Server actions take form submissions only.' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && originHost(origin) !== requestHost(request)) {
    return { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' };
  }
  return undefined;
}

function mediaType(request: IncomingMessage): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
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

/** The whole body, or 'too large' as soon as it passes the limit (the rest is left unread). */
function readBody(request: IncomingMessage): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= requestBodyLimit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.pause();
      resolve('too large');
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    // The client went away before the body ended: there is no one left to answer.
    request.once('close', () => resolve('aborted'));
  });
}

/**
 * Parsed as the Fetch API parses form data, as Next.js does a form post without the header. It
 * refuses a value that contains the boundary anywhere; a browser's boundary is long and random,
 * so only a hand-made body can meet that.
 */
async function parsesAsForm(body: Buffer, contentType: string | undefined): Promise<boolean> {
  try {
    await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType ?? '' },
    }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * The request again, for Next.js, now that its body has been read here (Next.js reads the body
 * from the request object it is handed, and this one's stream is spent): the same socket, method,
 * address and headers, with the body from memory and its length declared.
 */
function withBody(request: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(request.socket);
  copy.method = request.method;
  copy.url = request.url;
  copy.httpVersionMajor = request.httpVersionMajor;
  copy.httpVersionMinor = request.httpVersionMinor;
  copy.httpVersion = request.httpVersion;
  const { 'transfer-encoding': _chunked, ...headers } = request.headers;
  copy.headers = { ...headers, 'content-length': String(body.length) };
  copy.rawHeaders = Object.entries(copy.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? '']).flatMap((one) => [name, one]),
  );
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

function answer({
  request,
  response,
  code,
  message,
}: { request: IncomingMessage; response: ServerResponse } & Refusal): 'answered' {
  const api = new URL(request.url ?? '/', 'http://localhost').pathname.startsWith('/api/');
  const text = api
    ? JSON.stringify({ error: { code, message, requestId: newRequestId() } })
    : message;
  response.writeHead(appErrorStatus[code], {
    'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // The connection does not carry another request after a body that was not read.
    ...(request.complete ? {} : { connection: 'close' }),
  });
  if (request.complete) {
    response.end(text);
  } else {
    response.write(text);
    discardRest({ request, onDone: () => response.end() });
  }
  return 'answered';
}

/** How much of a refused body is read and thrown away before the connection is closed anyway. */
const discardLimit = 64 * requestBodyLimit;

/**
 * Reads the rest of a refused body and throws it away, then calls `onDone` (which closes the
 * connection). Most clients, browsers included, send the whole body before they read an answer:
 * closing the connection on a body still arriving resets it, and they would report a network
 * error instead of the answer.
 */
function discardRest({ request, onDone }: { request: IncomingMessage; onDone: () => void }): void {
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > discardLimit) finish();
  };
  const finish = () => {
    request.off('data', onData);
    request.off('end', finish);
    request.off('close', finish);
    onDone();
  };
  request.on('data', onData);
  request.once('end', finish);
  request.once('close', finish);
  request.resume();
}
