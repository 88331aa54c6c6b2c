import { appErrorStatus } from '@parapet/errors';
import { z } from 'zod';
import type {
  AnyRouteDefinition,
  ApiRouteInfo,
  RouteDefinition,
} from '../entry-points/entry-points';

// The admin API's OpenAPI 3.1 document, generated from the route definitions themselves: the
// zod schemas that validate each route's input describe its parameters and body, so the
// document cannot drift from what the server accepts.

type JsonSchema = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: describes definitions of every input type.
type ApiRoute = RouteDefinition<any, any, unknown> & { api: ApiRouteInfo };

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
};

const errorResponse = { $ref: '#/components/responses/Error' };

/** The document for every admin API route (`api` set) among `routes`, by path and method. */
export function buildOpenApiDocument(routes: AnyRouteDefinition[]): OpenApiDocument {
  const apiRoutes = routes
    .filter((route): route is ApiRoute => !('delegated' in route) && route.api !== undefined)
    .sort((a, b) => a.api.path.localeCompare(b.api.path) || a.method.localeCompare(b.method));
  const paths: OpenApiDocument['paths'] = {};
  for (const route of apiRoutes) {
    paths[route.api.path] ??= {};
    (paths[route.api.path] as Record<string, unknown>)[route.method.toLowerCase()] =
      describeOperation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parapet admin API',
      version: '1',
      description:
        'Everything the console does, for automation. Authenticate with an API key created on the console’s API keys page: `Authorization: Bearer ppk_…`. Errors are `{ "error": { "code", "message", "requestId", "issues"? } }`.',
    },
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (`ppk_…`). It names its organization; its role is checked.',
        },
      },
      schemas: { Error: errorSchema() },
      responses: {
        Error: {
          description: 'The request was refused or failed; `code` says why.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

function describeOperation(route: ApiRoute): Record<string, unknown> {
  const input = toJsonSchema(route.input, 'input');
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const pathNames = [...route.api.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const headerFields = route.headerInput ?? {};
  const reads = route.method === 'GET' || route.method === 'DELETE';
  const parameter = (name: string, where: string, field = name) => ({
    name,
    in: where,
    required: where === 'path' || required.has(field),
    schema: properties[field] ?? { type: 'string' },
  });
  const parameters = [
    ...pathNames.map((name) => parameter(name, 'path')),
    ...Object.entries(headerFields).map(([field, header]) => parameter(header, 'header', field)),
    ...(reads
      ? Object.keys(properties)
          .filter((name) => !pathNames.includes(name) && !(name in headerFields))
          .map((name) => parameter(name, 'query'))
      : []),
    // A CSV body is the file alone: the route's other fields (`preview`) come in the query.
    ...(route.bodyKind === 'csv'
      ? Object.keys(properties)
          .filter((name) => name !== 'csv' && !pathNames.includes(name))
          .map((name) => parameter(name, 'query'))
      : []),
  ];
  const guarded = route.access.kind !== 'public';
  return {
    operationId: route.name,
    summary: route.api.summary,
    security: guarded ? [{ apiKey: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(reads
      ? {}
      : { requestBody: describeBody(route, input, [...pathNames, ...Object.keys(headerFields)]) }),
    responses: {
      ...describeSuccess(route),
      '400': errorResponse,
      ...(guarded ? { '401': errorResponse, '403': errorResponse } : {}),
      default: errorResponse,
    },
  };
}

// Bodies that are text rather than a JSON object: read as written, under the media types given.
const textBodies: Record<string, { description: string; mediaTypes: string[] }> = {
  document: {
    description: 'The document as written: YAML or JSON text, kept as sent.',
    mediaTypes: ['application/yaml', 'application/json'],
  },
  csv: { description: 'A CSV file with a header row.', mediaTypes: ['text/csv'] },
};

function describeBody(route: ApiRoute, input: JsonSchema, elsewhere: string[]) {
  const text = textBodies[route.bodyKind ?? 'json'];
  if (text) {
    const content = { schema: { type: 'string' } };
    return {
      required: true,
      description: text.description,
      content: Object.fromEntries(text.mediaTypes.map((mediaType) => [mediaType, content])),
    };
  }
  const properties = { ...((input.properties ?? {}) as Record<string, unknown>) };
  for (const name of elsewhere) delete properties[name];
  const required = ((input.required ?? []) as string[]).filter((name) => !elsewhere.includes(name));
  const schema = input.properties
    ? { ...input, properties, ...(required.length > 0 ? { required } : { required: undefined }) }
    : input;
  // A body without a required field (`…/revoke`, `…/rotate`, where the address names the
  // object, or one whose fields all have defaults) may be left out altogether.
  return {
    required: !input.properties || required.length > 0,
    content: { 'application/json': { schema: withoutUndefined(schema) } },
  };
}

function describeSuccess(route: ApiRoute): Record<string, unknown> {
  const statuses = typeof route.status === 'function' ? [200, 201] : [route.status ?? 200];
  const body = route.api.output
    ? { content: { 'application/json': { schema: toJsonSchema(route.api.output, 'output') } } }
    : {};
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      status === 204 ? { description: 'Done; no content.' } : { description: 'Success.', ...body },
    ]),
  );
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema; the document shows what they start from.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return json as JsonSchema;
}

function errorSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'requestId'],
        properties: {
          code: { type: 'string', enum: Object.keys(appErrorStatus) },
          message: { type: 'string' },
          requestId: { type: 'string', description: 'Quote it when reporting a problem.' },
          fieldErrors: {
            type: 'object',
            description: 'Messages per input field.',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
          issues: {
            type: 'array',
            description:
              'Located problems (a policy line, a failing test): a message and where it is.',
            items: {
              type: 'object',
              required: ['message'],
              properties: { message: { type: 'string' } },
              additionalProperties: true,
            },
          },
        },
      },
    },
  };
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}
