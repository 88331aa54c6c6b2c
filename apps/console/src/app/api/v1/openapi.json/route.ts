import { z } from 'zod';
import { buildOpenApiDocument } from '@/server/api/openapi';
import { publicAccess } from '@/server/entry-points/access';
import { defineRoute, routeDefinitionOf } from '@/server/entry-points/entry-points';
import { apiRouteModules } from '../api-routes';

/** The admin API's OpenAPI 3.1 document, built from the routes' own schemas. */
export const GET = defineRoute({
  name: 'api.openapi',
  method: 'GET',
  access: publicAccess(
    'The API’s description names its routes and schemas, never data, like any public API’s.',
  ),
  input: z.strictObject({}),
  api: { path: '/api/v1/openapi.json', summary: 'This document: the API in OpenAPI 3.1' },
  async run() {
    const routes = apiRouteModules.flatMap((module) =>
      Object.values(module).flatMap((value) => {
        const definition = routeDefinitionOf(value);
        return definition ? [definition] : [];
      }),
    );
    return buildOpenApiDocument([...routes, openApiRoute()]);
  },
});

function openApiRoute() {
  const definition = routeDefinitionOf(GET);
  if (!definition) throw new Error('The OpenAPI route is not registered.');
  return definition;
}
