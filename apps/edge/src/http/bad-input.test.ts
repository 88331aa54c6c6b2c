import { connect } from 'node:net';
import { createDeviceAccessToken } from '@parapet/distribution';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  setupEdgeTest,
} from '../testing/edge-test-kit';

const world = setupEdgeTest();

type BadRequest = {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The refusal expected: status and code. */
  status: number;
  code: string;
};

const json = { 'content-type': 'application/json' };
const validEnroll = JSON.stringify({
  token: 'pet_x',
  publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) },
  device: { hostname: 'h', os: 'linux', agentVersion: '1' },
});
const oversized = Buffer.alloc(300 * 1024, 'a');
const postRoutes = ['/v1/enroll', '/v1/auth/challenge', '/v1/auth/token', '/v1/status'];

// Every POST route gets the same malformed bodies; the bearer ones get bad tokens too. None
// may answer 5xx, and every answer has the error body.
function badRequests(tokens: { valid: string; expired: string }): BadRequest[] {
  const auth = { authorization: `Bearer ${tokens.valid}` };
  const perPostRoute = postRoutes.flatMap((path): BadRequest[] => [
    {
      name: 'text/plain',
      method: 'POST',
      path,
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'hello',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'form data',
      method: 'POST',
      path,
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'bad JSON',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '{"token":',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'empty JSON body',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '',
      status: 400,
      code: 'INVALID_INPUT',
    },
    { name: 'no body', method: 'POST', path, headers: auth, status: 400, code: 'INVALID_INPUT' },
    {
      name: 'a JSON array',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '[1,2]',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a JSON string',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '"x"',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'null',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: 'null',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'prototype poisoning',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '{"__proto__":{"admin":true}}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'constructor poisoning',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '{"constructor":{"prototype":{"admin":true}}}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'wrong types',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: '{"token":1,"device":[],"challenge":{},"signature":null,"agentVersion":7}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'over 256 KiB',
      method: 'POST',
      path,
      headers: { ...auth, ...json },
      body: oversized,
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
  ]);
  return [
    ...perPostRoute,
    {
      name: 'an unknown field',
      method: 'POST',
      path: '/v1/enroll',
      headers: json,
      body: validEnroll.replace('{', '{"extra":1,'),
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a private key sent by mistake',
      method: 'POST',
      path: '/v1/enroll',
      headers: json,
      body: validEnroll.replace('"kty"', '"d":"secret","kty"'),
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a hostname with control characters',
      method: 'POST',
      path: '/v1/enroll',
      headers: json,
      body: validEnroll.replace('"h"', '"h\\u0000\\u202e"'),
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a device id that is not a uuid',
      method: 'POST',
      path: '/v1/auth/challenge',
      headers: json,
      body: '{"device":"../../etc"}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a signature of the wrong length',
      method: 'POST',
      path: '/v1/auth/token',
      headers: json,
      body: '{"device":"00000000-0000-4000-8000-000000000000","challenge":"c","signature":"abc"}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a status with a negative ver',
      method: 'POST',
      path: '/v1/status',
      headers: { ...auth, ...json },
      body: '{"agentVersion":"1","activeVer":-1}',
      status: 400,
      code: 'INVALID_INPUT',
    },
    ...['/v1/bundle', '/v1/keys'].flatMap((path): BadRequest[] => [
      { name: 'no token', method: 'GET', path, status: 401, code: 'TOKEN_INVALID' },
      {
        name: 'an empty bearer',
        method: 'GET',
        path,
        headers: { authorization: 'Bearer ' },
        status: 401,
        code: 'TOKEN_INVALID',
      },
      {
        name: 'a bad token',
        method: 'GET',
        path,
        headers: { authorization: 'Bearer pdt_abc.def' },
        status: 401,
        code: 'TOKEN_INVALID',
      },
      {
        name: 'a huge token',
        method: 'GET',
        path,
        headers: { authorization: `Bearer pdt_${'a'.repeat(8000)}.${'b'.repeat(43)}` },
        status: 401,
        code: 'TOKEN_INVALID',
      },
      {
        name: 'an expired token',
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${tokens.expired}` },
        status: 401,
        code: 'TOKEN_EXPIRED',
      },
    ]),
    {
      name: 'an expired token',
      method: 'POST',
      path: '/v1/status',
      headers: { ...json, authorization: `Bearer ${tokens.expired}` },
      body: '{"agentVersion":"1"}',
      status: 401,
      code: 'TOKEN_EXPIRED',
    },
    {
      name: 'an unknown route',
      method: 'GET',
      path: '/v1/nothing',
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'an unknown method',
      method: 'DELETE',
      path: '/v1/bundle',
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'a trailing slash',
      method: 'GET',
      path: '/v1/bundle/',
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'a broken percent-encoding',
      method: 'GET',
      path: '/v1/%E0%A4%A',
      status: 400,
      code: 'INVALID_INPUT',
    },
    {
      name: 'a query string full of junk',
      method: 'GET',
      path: '/v1/bundle?a[b]=1&__proto__=x',
      status: 401,
      code: 'TOKEN_INVALID',
    },
  ];
}

describe('bad requests', () => {
  it('every one is refused with a 4xx and the error body, never a 5xx', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const expired = createDeviceAccessToken({
      deviceId: device.id,
      orgId: w.org.orgId,
      now: new Date(Date.now() - 16 * 60_000),
    }).accessToken;
    const requestIds = new Set<string>();
    for (const bad of badRequests({ valid: device.accessToken, expired })) {
      const label = `${bad.method} ${bad.path}: ${bad.name}`;
      const response = await fetch(`${w.edge.url}${bad.path}`, {
        method: bad.method,
        headers: bad.headers ?? {},
        ...(bad.body === undefined ? {} : { body: bad.body }),
      });
      const text = await response.text();
      expect(response.status, `${label}: ${text}`).toBe(bad.status);
      expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
      const body = JSON.parse(text) as {
        error: { code: string; message: string; requestId: string };
      };
      expect(body.error.code, `${label}: ${text}`).toBe(bad.code);
      expect(body.error.message.length, label).toBeGreaterThan(0);
      expect(body.error.message, label).not.toMatch(/\n\s+at /);
      requestIds.add(body.error.requestId);
    }
    expect(requestIds.size).toBeGreaterThan(40);
    const metrics = await (await fetch(`${w.edge.url}/metrics`)).text();
    expect(metrics).not.toMatch(/parapet_edge_requests_total\{[^}]*status="5\d\d"/);
    expect((await fetch(`${w.edge.url}/healthz`)).status).toBe(200);
  });

  it('answers malformed HTTP and oversized headers in the same shape', async () => {
    const { edge } = world();
    const { port } = new URL(edge.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk.toString();
        });
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('"code":"INVALID_INPUT"');
    const huge = await raw(
      `GET /v1/bundle HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"requestId"');
  });
});
