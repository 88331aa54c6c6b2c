import { z } from 'zod';
import { errorBodySchema } from './errors';
import type { RouteSpec } from './route-spec';

type JsonSchema = Record<string, unknown>;

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
};

const errorResponse = { $ref: '#/components/responses/Error' };

/** The edge's OpenAPI 3.1 document, built from each route file's spec and zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteSpec[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] =
      describeOperation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parapet edge API',
      version: '1',
      description:
        'What endpoints talk to: enrollment, device authentication, signed policy bundles (ETag and long-poll), key sets and device status. Errors are `{ "error": { "code", "message", "requestId" } }`. The contract is docs/distribution.md.',
    },
    paths,
    components: {
      securitySchemes: {
        deviceToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A device access token (`pdt_…`, 15 minutes) from POST /v1/enroll or POST /v1/auth/token.',
        },
      },
      schemas: { Error: toJsonSchema(errorBodySchema, 'output') },
      responses: {
        Error: {
          description: 'Refused or failed; `code` says why.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

function describeOperation(route: RouteSpec): Record<string, unknown> {
  const parameters = Object.entries(route.headers ?? {}).map(([name, description]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  }));
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                schema: toJsonSchema(response.schema, 'output'),
              },
            },
          }
        : {}),
    };
  }
  for (const status of route.errors) responses[String(status)] = errorResponse;
  return {
    operationId: route.operationId,
    summary: route.summary,
    security: route.auth === 'bearer' ? [{ deviceToken: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema; the document shows what they start from.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return json as JsonSchema;
}
