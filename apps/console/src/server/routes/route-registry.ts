import { createEntryRegistry } from '../entries/entry-registry';
import type { AnyRouteDefinition } from './route-definition';

// Every route handler is created by defineRoute or delegateRoute, which record it here.
const routes = createEntryRegistry<AnyRouteDefinition>('route');

export const registerRoute = routes.register;
export const routeDefinitionOf = routes.definitionOf;
export const registeredRoutes = routes.all;
