import * as apiKey from './api-keys/[id]/route';
import * as apiKeys from './api-keys/route';

/**
 * Every route module of the admin API. Next.js loads a route's module only when it is first
 * called, so the OpenAPI document (openapi.json/route.ts) imports them all from here to describe
 * them; api-routes.test.ts fails on a route.ts under /api/v1 missing from this list.
 */
export const apiRouteModules: Record<string, unknown>[] = [apiKeys, apiKey];
