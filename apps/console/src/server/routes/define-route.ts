import type { z } from 'zod';
import type { Access, PublicAccess } from '../actions/access';
import { db } from '../db';
import { newRequestId } from '../http/new-request-id';
import { executeRoute } from './execute-route';
import { readRouteRequest } from './read-route-request';
import type { RouteDefinition, RouteMethod } from './route-definition';
import { registerRoute } from './route-registry';

export type RouteHandler = (request: Request) => Promise<Response>;

/** Declares a route handler; see RouteDefinition. */
export function defineRoute<A extends Access, Schema extends z.ZodType, Data>(
  definition: RouteDefinition<A, Schema, Data>,
): RouteHandler {
  const handler: RouteHandler = async (request) => {
    const requestId = newRequestId();
    const answer = await executeRoute({
      // biome-ignore lint/suspicious/noExplicitAny: the definition's own types were checked above.
      definition: definition as RouteDefinition<any, any, unknown>,
      db: db(),
      requestId,
      read: () => readRouteRequest({ request, requestId }),
    });
    if (answer.status === 200 && definition.download) {
      const { data } = answer.body as { data: Data };
      return new Response(`${JSON.stringify(data, null, 2)}\n`, {
        headers: {
          'Content-Type': 'application/json',
          'Content-Disposition': `attachment; filename="${safeFilename(definition.download(data))}"`,
          'Cache-Control': 'no-store',
        },
      });
    }
    return Response.json(answer.body, {
      status: answer.status,
      headers: { ...answer.headers, 'Cache-Control': 'no-store' },
    });
  };
  registerRoute(handler, definition as never);
  return handler;
}

// A quoted header value cannot carry quotes, backslashes or line breaks; names stay plain.
function safeFilename(name: string): string {
  return name.replaceAll(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * Registers a handler served by another library that authenticates on its own (Auth.js's
 * endpoints), so the registry still lists every route the console exposes.
 */
export function delegateRoute<Handler extends (...args: never[]) => Promise<Response>>({
  name,
  method,
  access,
  handler,
}: {
  name: string;
  method: RouteMethod;
  access: PublicAccess;
  handler: Handler;
}): Handler {
  const wrapped = ((...args: Parameters<Handler>) => handler(...args)) as Handler;
  registerRoute(wrapped, { name, method, access, delegated: true });
  return wrapped;
}
