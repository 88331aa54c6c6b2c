import { matchesIfNoneMatch } from './check-preconditions';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery';
import { getScimGroup, listScimGroups } from './groups/list-scim-groups';
import {
  createScimGroup,
  deleteScimGroup,
  patchScimGroup,
  replaceScimGroup,
} from './groups/write-scim-group';
import { readListQuery, searchRequestSchema } from './list-query';
import { parseProjection, projectResource } from './project-attributes';
import { groupResource, type ResourceSchema, userResource } from './scim-attributes';
import type { ScimContext } from './scim-context';
import { badRequest, notFound, ScimError } from './scim-error';
import { json, noContent, type ScimResponse } from './scim-response';
import { createScimUser } from './users/create-scim-user';
import { deleteScimUser } from './users/delete-scim-user';
import { getScimUser } from './users/get-scim-user';
import { listScimUsers } from './users/list-scim-users';
import { patchScimUser, replaceScimUser } from './users/update-scim-user';

// The endpoints of one directory's SCIM service (RFC 7644 §3.2), by path and method. Every
// answer is a SCIM resource, a ListResponse, 204, 304 or a ScimError.

export type RoutedRequest = {
  context: ScimContext;
  segments: string[];
  query: Record<string, string>;
  /** The parsed JSON body, for POST, PUT and PATCH. */
  body: () => unknown;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
};

type Json = Record<string, unknown>;

function methodNotAllowed(allowed: string): never {
  throw new ScimError(405, `This endpoint allows ${allowed}.`, undefined, { Allow: allowed });
}

function single(
  request: RoutedRequest,
  schema: ResourceSchema,
  status: number,
  resource: Json,
  extra: Record<string, string> = {},
): ScimResponse {
  const projection = parseProjection(schema, request.query);
  const etag = (resource.meta as { version: string }).version;
  return json(status, projectResource(resource, projection), { ETag: etag, ...extra });
}

export async function routeScimRequest(request: RoutedRequest): Promise<ScimResponse> {
  const { context, segments } = request;
  const [endpoint = '', id, ...rest] = segments;
  const method = context.method;
  const name = endpoint.toLowerCase();
  if (name === 'serviceproviderconfig' && segments.length === 1) {
    if (method !== 'GET') methodNotAllowed('GET');
    return json(200, serviceProviderConfig(context.baseUrl));
  }
  if ((name === 'resourcetypes' || name === 'schemas') && segments.length <= 2) {
    if (method !== 'GET') methodNotAllowed('GET');
    const answer =
      name === 'schemas' ? schemas(context.baseUrl, id) : resourceTypes(context.baseUrl, id);
    return json(200, answer);
  }
  if (name === 'bulk' || name === 'me' || (name === '.search' && segments.length === 1)) {
    throw new ScimError(501, `/${endpoint} is not supported by this server.`);
  }
  if ((name === 'users' || name === 'groups') && rest.length === 0) {
    const schema = name === 'users' ? userResource : groupResource;
    if (id === undefined) return collection(request, schema);
    if (id === '.search') {
      if (method !== 'POST') methodNotAllowed('POST');
      return search(request, schema);
    }
    return resource(request, schema, id);
  }
  throw notFound(`There is no SCIM endpoint /${segments.join('/')}.`);
}

async function collection(request: RoutedRequest, schema: ResourceSchema): Promise<ScimResponse> {
  const { context } = request;
  if (context.method === 'GET') {
    const query = readListQuery(schema, request.query);
    const list =
      schema === userResource ? listScimUsers(context, query) : listScimGroups(context, query);
    return json(200, await list);
  }
  if (context.method !== 'POST') methodNotAllowed('GET, POST');
  if (schema === userResource) {
    const { resource } = await createScimUser(context, request.body());
    return single(request, schema, 201, resource, { Location: locationOf(resource) });
  }
  const { resource } = await createScimGroup(context, request.body());
  return single(request, schema, 201, resource, { Location: locationOf(resource) });
}

function locationOf(resource: Json): string {
  return String((resource.meta as Json).location);
}

async function search(request: RoutedRequest, schema: ResourceSchema): Promise<ScimResponse> {
  const body = request.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'A search body must be a SearchRequest object.');
  }
  const schemasField = (body as Json).schemas;
  if (!Array.isArray(schemasField) || !schemasField.includes(searchRequestSchema)) {
    throw badRequest(
      'invalidSyntax',
      `A search body's schemas must include ${searchRequestSchema}.`,
    );
  }
  const query = readListQuery(schema, body as Json);
  const { context } = request;
  const list =
    schema === userResource ? listScimUsers(context, query) : listScimGroups(context, query);
  return json(200, await list);
}

async function resource(
  request: RoutedRequest,
  schema: ResourceSchema,
  id: string,
): Promise<ScimResponse> {
  const { context, ifMatch } = request;
  const users = schema === userResource;
  switch (context.method) {
    case 'GET': {
      const found = users ? await getScimUser(context, id) : await getScimGroup(context, id);
      const version = 'person' in found ? found.person.scimVersion : found.group.version;
      if (matchesIfNoneMatch(request.ifNoneMatch, version)) {
        return {
          status: 304,
          headers: { ETag: String((found.resource.meta as Json).version) },
          body: null,
        };
      }
      return single(request, schema, 200, found.resource);
    }
    case 'PUT': {
      const saved = users
        ? await replaceScimUser(context, id, request.body(), ifMatch)
        : await replaceScimGroup(context, id, request.body(), ifMatch);
      return single(request, schema, 200, saved.resource);
    }
    case 'PATCH': {
      const saved = users
        ? await patchScimUser(context, id, request.body(), ifMatch)
        : await patchScimGroup(context, id, request.body(), ifMatch);
      return single(request, schema, 200, saved.resource);
    }
    case 'DELETE':
      await (users ? deleteScimUser(context, id, ifMatch) : deleteScimGroup(context, id, ifMatch));
      return noContent();
    default:
      return methodNotAllowed('GET, PUT, PATCH, DELETE');
  }
}
