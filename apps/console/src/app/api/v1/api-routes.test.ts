import { describe, expect, it, vi } from 'vitest';
import { registeredRoutes, routeDefinitionOf } from '@/server/entry-points/entry-points';
import { scanEntryPoints } from '@/server/testing/scan-entry-points';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { apiRouteModules } from './api-routes';
import { GET as openApi } from './openapi.json/route';

// Every route under /api/v1 is an admin API route: declared with its address (which must be the
// file's), answering bare JSON, listed for the OpenAPI document, and described there.
const { routeExports } = await scanEntryPoints();
setupRouteDatabase();
const apiExports = routeExports.filter((scanned) => scanned.file.startsWith('app/api/v1/'));

/** `app/api/v1/api-keys/[id]/route.ts` → `/api/v1/api-keys/{id}`. */
function addressOf(file: string): string {
  return `/${file.replace(/^app\//, '').replace(/\/route\.ts$/, '')}`.replaceAll(
    /\[(?:\.\.\.)?([^\]]+)\]/g,
    '{$1}',
  );
}

const listed = new Set(
  apiRouteModules.flatMap((module) =>
    Object.values(module).map((value) => routeDefinitionOf(value)),
  ),
);

async function openApiDocument() {
  vi.stubEnv('AUTH_URL', 'http://localhost:3000');
  const response = await openApi(new Request('http://localhost:3000/api/v1/openapi.json'));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { securitySchemes: Record<string, unknown> };
  };
}

describe('the admin API’s routes', () => {
  it('are found', () => {
    expect(apiExports.length).toBeGreaterThanOrEqual(4);
  });

  it.each(apiExports.map((scanned) => [`${scanned.exportName} ${scanned.file}`, scanned]))(
    '%s declares its address, takes API keys and is listed for the OpenAPI document',
    (_label, scanned) => {
      const name = scanned.entryPoint?.name;
      const definition = registeredRoutes().find((route) => route.name === name);
      if (!definition || 'delegated' in definition) throw new Error(`${name}: not a defineRoute`);
      expect(definition.api?.path, `${scanned.file}: declare api.path`).toBe(
        addressOf(scanned.file),
      );
      expect(definition.method).toBe(scanned.exportName);
      // Automation calls the API with keys: a guarded route that took sessions only would be
      // a console capability missing from the API.
      const { access } = definition;
      expect(access.kind === 'public' || (access.kind === 'member' && access.apiKeys)).toBe(true);
      if (name !== 'api.openapi') {
        expect(listed.has(definition), `${scanned.file}: add it to api-routes.ts`).toBe(true);
      }
    },
  );
});

describe('GET /api/v1/openapi.json', () => {
  it('describes every admin API route, method by method, with the bearer scheme', async () => {
    const document = await openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    for (const scanned of apiExports) {
      const operation = document.paths[addressOf(scanned.file)]?.[scanned.exportName.toLowerCase()];
      expect(operation, `${scanned.exportName} ${scanned.file}`).toMatchObject({
        operationId: scanned.entryPoint?.name,
        responses: expect.objectContaining({ default: { $ref: '#/components/responses/Error' } }),
      });
    }
  });

  it('takes its parameters and bodies from the routes’ schemas', async () => {
    const document = await openApiDocument();
    expect(document.paths['/api/v1/api-keys']?.post).toMatchObject({
      security: [{ apiKey: [] }],
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['name', 'role'],
              properties: { role: { enum: ['owner', 'admin', 'auditor'] } },
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '201': {
          content: { 'application/json': { schema: { required: ['id', 'key'] } } },
        },
      },
    });
    expect(document.paths['/api/v1/api-keys/{id}']?.delete).toMatchObject({
      parameters: [{ name: 'id', in: 'path', required: true, schema: { format: 'uuid' } }],
    });
    expect(document.paths['/api/v1/api-keys']?.post).toMatchObject({
      requestBody: { required: true },
    });
    expect(document.paths['/api/v1/people/import']?.post).toMatchObject({
      parameters: [{ name: 'preview', in: 'query', required: false }],
      requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } },
    });
    expect(document.paths['/api/v1/openapi.json']?.get).toMatchObject({ security: [] });
  });

  it('describes the distribution routes: query filters, path keys, and bodies they need or not', async () => {
    const document = await openApiDocument();
    const listDevices = document.paths['/api/v1/devices']?.get as {
      parameters: { name: string }[];
    };
    expect(listDevices.parameters.map((parameter) => parameter.name).sort()).toEqual([
      'cursor',
      'group',
      'limit',
      'person',
      'q',
      'state',
    ]);
    // The address names the key; `curl -X POST` with no body is enough.
    expect(document.paths['/api/v1/signing-keys/{kid}/retire']?.post).toMatchObject({
      parameters: [{ name: 'kid', in: 'path', required: true }],
      requestBody: { required: false },
    });
    // Every field has a default: an empty POST makes a one-device token for seven days.
    expect(document.paths['/api/v1/enrollment-tokens']?.post).toMatchObject({
      requestBody: { required: false },
      responses: {
        '201': {
          content: {
            'application/json': {
              schema: { required: expect.arrayContaining(['id', 'token', 'server', 'command']) },
            },
          },
        },
      },
    });
  });

  it('resolves every reference it makes', async () => {
    const document = await openApiDocument();
    const references = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const reference of new Set(references)) {
      const path = reference.slice('"$ref":"#/'.length, -1).split('/');
      let node: unknown = document;
      for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
      expect(node, reference).toBeDefined();
    }
  });
});
