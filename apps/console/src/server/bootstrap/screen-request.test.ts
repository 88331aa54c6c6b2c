import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenRequest } from './screen-request';

// A real HTTP server on loopback with the screen in front of a handler that stands for Next.js.
// Raw requests, because fetch() would fix up what a hand-made request can carry.
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (screenRequest({ request, response })) return;
    response.end('next');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function send(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(method === 'POST' ? 'body' : undefined);
  });
}

const action = { 'next-action': '7fa8d3437e8b516b677687539b92457b82bd48425c' };
const multipart = { 'content-type': 'multipart/form-data; boundary=x' };

describe('screenRequest', () => {
  it.each([
    ['a page', 'GET', '/members', {}],
    ['a path with a valid escape', 'GET', '/invite/%41bc', {}],
    [
      'a query with a broken escape (read leniently downstream)',
      'GET',
      '/sign-in?notice=%E0%A4%A',
      {},
    ],
    [
      'a form post without JavaScript (no Next-Action header)',
      'POST',
      '/sign-in',
      { 'content-type': 'text/plain' },
    ],
    [
      'an action call as a browser makes it',
      'POST',
      '/sign-in',
      { ...action, ...multipart, origin: 'http://127.0.0.1' },
    ],
    ['an action call without Origin', 'POST', '/sign-in', { ...action, ...multipart }],
  ])('passes %s on to Next.js', async (_name, method, path, headers) => {
    const host = { host: `127.0.0.1:${port}` };
    const withPort =
      'origin' in headers ? { ...headers, origin: `http://127.0.0.1:${port}` } : headers;
    expect(await send(method, path, { ...host, ...withPort })).toEqual({
      status: 200,
      body: 'next',
    });
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
    const response = await send(method, path, headers);
    expect(response.status).toBe(status);
    expect(response.body).not.toBe('next');
  });
});
