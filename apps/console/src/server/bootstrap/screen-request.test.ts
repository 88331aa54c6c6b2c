import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestBodyLimit, screenRequest } from './screen-request';

// A real HTTP server on loopback with the screen in front of a handler that stands for Next.js.
// The stand-in reads the request it is handed and keeps what it saw, so a test can tell what
// Next.js would have received. Raw requests, because fetch() would fix up what a hand-made
// request can carry.
let server: Server;
let port: number;
let seenByNext: { headers: IncomingHttpHeaders; body: Buffer } | undefined;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const screened = await screenRequest({ request, response });
    if (screened === 'answered') return;
    const chunks: Buffer[] = [];
    for await (const chunk of screened) chunks.push(chunk as Buffer);
    seenByNext = { headers: screened.headers, body: Buffer.concat(chunks) };
    response.end('next');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seenByNext = undefined;
});

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/**
 * Sends one request and resolves with the answer. `chunked` sends the body in pieces without a
 * Content-Length; `unfinished` leaves the body unfinished, so only an answer that does not wait
 * for the rest of the body arrives at all.
 */
function send({
  method = 'POST',
  path = '/sign-in',
  headers = {},
  body,
  chunked = false,
  unfinished = false,
}: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  unfinished?: boolean;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
      );
    });
    // A server that refuses a body closes the connection while the client may still be writing
    // it: that write error is expected once the answer has come.
    request.on('socket', (socket) => socket.on('error', () => {}));
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (bytes === undefined) {
      request.end();
    } else if (chunked) {
      for (let start = 0; start < bytes.length; start += 64 * 1024) {
        request.write(bytes.subarray(start, start + 64 * 1024));
      }
      if (!unfinished) request.end();
    } else if (unfinished) {
      request.write(bytes);
    } else {
      request.end(bytes);
    }
  });
}

/** Writes `bytes` to a raw connection, all of them, and then reads until the server closes. */
function sendRaw(bytes: Buffer): Promise<{ text: string; error: string | undefined }> {
  return new Promise((resolve) => {
    let text = '';
    let error: string | undefined;
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error = failure.code ?? failure.message;
    });
    socket.on('close', () => resolve({ text, error }));
    socket.end(bytes);
  });
}

const action = { 'next-action': '7fa8d3437e8b516b677687539b92457b82bd48425c' };
// Long and random like a browser's: the Fetch API's parser refuses a value containing the boundary.
const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
const json = { 'content-type': 'application/json' };

/** A multipart/form-data body, as a browser encodes a form. */
function formBody(fields: Record<string, string>): string {
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${boundary}--\r\n`;
}

const signInForm = formBody({ '1_email': 'owner@acme.example', '1_password': 'not it' });
/** A form of exactly `size` bytes. */
function formOfSize(size: number): string {
  const padding = size - formBody({ note: '' }).length;
  return formBody({ note: 'a'.repeat(padding) });
}
const tenMegabytes = 10 * 1024 * 1024;

describe('screenRequest, given headers', () => {
  it.each([
    ['a page', 'GET', '/members', {}, undefined],
    ['a path with a valid escape', 'GET', '/invite/%41bc', {}, undefined],
    [
      'a query with a broken escape (read leniently downstream)',
      'GET',
      '/sign-in?notice=%E0%A4%A',
      {},
      undefined,
    ],
    [
      'a form post without JavaScript (no Next-Action header)',
      'POST',
      '/sign-in',
      { 'content-type': 'text/plain' },
      'body',
    ],
    [
      'an action call as a browser makes it',
      'POST',
      '/sign-in',
      { ...action, ...multipart, origin: 'http://127.0.0.1' },
      signInForm,
    ],
    ['an action call without Origin', 'POST', '/sign-in', { ...action, ...multipart }, signInForm],
  ])('passes %s on to Next.js', async (_name, method, path, headers, body) => {
    const host = { host: `127.0.0.1:${port}` };
    const withPort =
      'origin' in headers ? { ...headers, origin: `http://127.0.0.1:${port}` } : headers;
    const answer = await send({ method, path, headers: { ...host, ...withPort }, body });
    expect(answer).toMatchObject({ status: 200, body: 'next' });
    expect(seenByNext?.body.toString()).toBe(body ?? '');
  });

  it.each([
    ['a path whose escape does not decode', 'GET', '/invite/%E0%A4%A', {}, 400],
    ['a stray percent sign in the path', 'GET', '/api/auth/%zz', {}, 400],
    [
      'an action call with a text body',
      'POST',
      '/sign-in',
      { ...action, 'content-type': 'text/plain' },
      400,
    ],
    ['an action call without a content type', 'POST', '/sign-in', action, 400],
    [
      'an action call from another site',
      'POST',
      '/sign-in',
      { ...action, ...multipart, origin: 'https://evil.example' },
      403,
    ],
    [
      'an action call with a malformed Origin',
      'POST',
      '/sign-in',
      { ...action, ...multipart, origin: 'null' },
      403,
    ],
  ])('answers %s itself', async (_name, method, path, headers, status) => {
    const body = method === 'POST' ? signInForm : undefined;
    const answer = await send({ method, path, headers, body });
    expect(answer.status).toBe(status);
    expect(answer.body).not.toBe('next');
    expect(seenByNext).toBeUndefined();
  });

  it('answers in JSON, like the route handlers, under /api/', async () => {
    const answer = await send({ method: 'GET', path: '/api/auth/%zz' });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.any(String), requestId: expect.any(String) },
    });
  });
});

describe('screenRequest, given a body', () => {
  it('passes a form of exactly the limit on, byte for byte', async () => {
    const body = formOfSize(requestBodyLimit);
    expect(await send({ headers: { ...action, ...multipart }, body })).toMatchObject({
      status: 200,
    });
    expect(seenByNext?.body.toString()).toBe(body);
  });

  it.each([
    ['an action call', '/sign-in', { ...action, ...multipart }, signInForm],
    ['a JSON body to a route', '/api/test/echo', json, JSON.stringify({ value: 'hi' })],
    ['a text body to a page', '/sign-in', { 'content-type': 'text/plain' }, 'body'],
  ])('passes %s sent in chunks on with its length declared', async (_name, path, headers, body) => {
    expect(await send({ path, headers, body, chunked: true })).toMatchObject({ status: 200 });
    expect(seenByNext?.body.toString()).toBe(body);
    expect(seenByNext?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seenByNext?.headers['transfer-encoding']).toBeUndefined();
  });

  const oversized: [string, string, Record<string, string>][] = [
    ['an action call', '/sign-in', { ...action, ...multipart }],
    ['a form post without JavaScript', '/sign-in', multipart],
    ['a text body to a page', '/sign-in', { 'content-type': 'text/plain' }],
    ['a JSON body to a route', '/api/activity', json],
  ];

  describe.each([
    ['declared in Content-Length', false],
    ['sent in chunks', true],
  ])('over the limit, %s', (_how, chunked) => {
    it.each(oversized)(
      'answers %s with 413 without reading the rest',
      async (_name, path, headers) => {
        // One byte over the limit, and the body never finishes: the answer cannot wait for it.
        const body = chunked
          ? Buffer.alloc(requestBodyLimit + 1, 'a')
          : Buffer.alloc(64 * 1024, 'a');
        const declared: Record<string, string> = chunked
          ? {}
          : { 'content-length': String(requestBodyLimit + 1) };
        const answer = await send({
          path,
          headers: { ...headers, ...declared },
          body,
          chunked,
          unfinished: true,
        });
        expect(answer.status).toBe(413);
        expect(answer.headers.connection).toBe('close');
        expect(seenByNext).toBeUndefined();
      },
      // A screen that waited for the body would never answer.
      10_000,
    );

    it('answers a whole 10 MB action call with a message the client can read', async () => {
      const answer = await send({
        headers: { ...action, ...multipart },
        body: formOfSize(tenMegabytes),
        chunked,
      });
      expect(answer).toMatchObject({
        status: 413,
        body: 'The request body is larger than the console accepts (1 MB).',
      });
      expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    });
  });

  it('lets a client that sends its whole body before it reads get the answer, not a reset', async () => {
    // What browsers and many HTTP clients do: a connection closed under a body they are still
    // sending is a network error to them, whatever the server answered.
    const body = Buffer.alloc(tenMegabytes, 'a');
    const head = [
      'POST /sign-in HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: text/plain',
      `Content-Length: ${body.length}`,
      '',
      '',
    ].join('\r\n');
    const { text, error } = await sendRaw(Buffer.concat([Buffer.from(head), body]));
    expect(error).toBeUndefined();
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('The request body is larger than the console accepts (1 MB).');
  });

  it('answers an oversized JSON body under /api/ with the routes’ error body', async () => {
    const answer = await send({
      path: '/api/activity',
      headers: json,
      body: Buffer.alloc(tenMegabytes, 'a'),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than the console accepts (1 MB).',
        requestId: expect.any(String),
      },
    });
  });

  it.each([
    ['an action call', { ...action, ...multipart }, 'garbage'],
    ['an action call cut short', { ...action, ...multipart }, signInForm.slice(0, -10)],
    [
      'an action call without a boundary',
      { ...action, 'content-type': 'multipart/form-data' },
      signInForm,
    ],
    ['a form post without JavaScript', multipart, 'garbage'],
  ])('answers %s whose form data does not parse with 400', async (_name, headers, body) => {
    for (const chunked of [false, true]) {
      const answer = await send({ headers, body, chunked });
      expect(answer).toMatchObject({ status: 400, body: 'The form data could not be read.' });
      expect(seenByNext).toBeUndefined();
    }
  });
});
