import { describe, expect, it } from 'vitest';
import { setupEdgeTest } from '../testing/edge-test-kit';
import { edgeRoutes } from '.';

const world = setupEdgeTest();

describe('GET /v1/openapi.json', () => {
  it('lists every route the edge serves, with its body schema and its errors', async () => {
    const response = await fetch(`${world().edge.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(
      [
        'POST /v1/enroll',
        'POST /v1/device/authorize',
        'POST /v1/device/token',
        'POST /v1/auth/challenge',
        'POST /v1/auth/token',
        'GET /v1/bundle',
        'GET /v1/keys',
        'POST /v1/status',
        'POST /v1/events',
        'GET /v1/openapi.json',
        'GET /metrics',
        'GET /healthz',
        'GET /readyz',
      ].sort(),
    );
    expect(listed).toHaveLength(edgeRoutes.length);
    const enroll = document.paths['/v1/enroll']?.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      responses: Record<string, unknown>;
    };
    expect(enroll.requestBody.content['application/json'].schema.required).toEqual([
      'token',
      'publicKey',
      'device',
    ]);
    expect(Object.keys(enroll.responses)).toEqual(expect.arrayContaining(['201', '401', '429']));
    const bundle = document.paths['/v1/bundle']?.get as { security: unknown[]; responses: object };
    expect(bundle.security).toEqual([{ deviceToken: [] }]);
    expect(Object.keys(bundle.responses)).toEqual(
      expect.arrayContaining(['200', '304', '401', '403']),
    );
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
  });
});
