import type { AnyRouteDefinition } from './route-definition';

// Every route handler is created by defineRoute or delegateRoute, which record it here; the
// isolation test compares this with the handlers exported from `src/app/**/route.ts`.
const byName = new Map<string, AnyRouteDefinition>();
const byFunction = new WeakMap<object, AnyRouteDefinition>();

export function registerRoute(handler: object, definition: AnyRouteDefinition): void {
  const existing = byName.get(definition.name);
  if (existing && existing !== definition) {
    throw new Error(`Two routes are named ${definition.name}; route names must be unique.`);
  }
  byName.set(definition.name, definition);
  byFunction.set(handler, definition);
}

export function routeDefinitionOf(handler: unknown): AnyRouteDefinition | undefined {
  return typeof handler === 'function' ? byFunction.get(handler) : undefined;
}

export function registeredRoutes(): AnyRouteDefinition[] {
  return [...byName.values()];
}
