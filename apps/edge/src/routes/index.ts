import type { FastifyInstance } from 'fastify';
import type { Edge } from '../edge';
import type { RouteSpec } from '../http/route-spec';
import { authChallengeRoute, registerAuthChallengeRoute } from './auth-challenge';
import { authTokenRoute, registerAuthTokenRoute } from './auth-token';
import { bundleRoute, registerBundleRoute } from './bundle';
import { deviceAuthorizeRoute, registerDeviceAuthorizeRoute } from './device-authorize';
import { deviceTokenRoute, registerDeviceTokenRoute } from './device-token';
import { enrollRoute, registerEnrollRoute } from './enroll';
import { eventsRoute, registerEventsRoute } from './events';
import { healthzRoute, registerHealthzRoute } from './healthz';
import { keysRoute, registerKeysRoute } from './keys';
import { metricsRoute, registerMetricsRoute } from './metrics';
import { openApiRoute, registerOpenApiRoute } from './openapi';
import { readyzRoute, registerReadyzRoute } from './readyz';
import { registerStatusRoute, statusRoute } from './status';

/** Every route the edge serves, as the OpenAPI document lists them. */
export const edgeRoutes: readonly RouteSpec[] = [
  enrollRoute,
  deviceAuthorizeRoute,
  deviceTokenRoute,
  authChallengeRoute,
  authTokenRoute,
  bundleRoute,
  keysRoute,
  statusRoute,
  eventsRoute,
  openApiRoute,
  metricsRoute,
  healthzRoute,
  readyzRoute,
];

export function registerEdgeRoutes(app: FastifyInstance, edge: Edge): void {
  registerEnrollRoute(app, edge);
  registerDeviceAuthorizeRoute(app, edge);
  registerDeviceTokenRoute(app, edge);
  registerAuthChallengeRoute(app, edge);
  registerAuthTokenRoute(app, edge);
  registerBundleRoute(app, edge);
  registerKeysRoute(app, edge);
  registerStatusRoute(app, edge);
  registerEventsRoute(app, edge);
  registerOpenApiRoute(app, edgeRoutes);
  registerMetricsRoute(app, edge);
  registerHealthzRoute(app);
  registerReadyzRoute(app, edge);
}
