import type { PrismaClient } from '@parapet/db';
import type { z } from 'zod';
import type { Access } from '../actions/access';
import type { RequestContext } from '../actions/request-context';
import type { CallerFor } from '../actions/resolve-caller';

export type RouteMethod = 'GET' | 'POST';

/**
 * A route handler as declared: like an action, it names who may call it and the schema of its
 * input (query string for GET, JSON body for POST; `orgId` apart for member routes), and `run`
 * calls one domain function. Its answer is JSON; errors are `{ error: { code, message,
 * requestId } }` with the status from AppError's table.
 */
export type RouteDefinition<A extends Access, Schema extends z.ZodType, Data> = {
  name: string;
  method: RouteMethod;
  access: A;
  input: Schema;
  run: (context: {
    input: z.output<Schema>;
    caller: CallerFor<A>;
    db: PrismaClient;
    request: RequestContext;
  }) => Promise<Data>;
  /**
   * Serve a success as a file to save: the data itself (not `{ data }`), under the name this
   * returns. Errors stay JSON error bodies.
   */
  download?: (data: Data) => string;
};

/** A route served by another library (Auth.js) that authenticates on its own. */
export type DelegatedRouteDefinition = {
  name: string;
  method: RouteMethod;
  access: Extract<Access, { kind: 'public' }>;
  delegated: true;
};

// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of every input type.
export type AnyRouteDefinition = RouteDefinition<Access, z.ZodType, any> | DelegatedRouteDefinition;
