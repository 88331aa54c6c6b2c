import { httpStatusForCode } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
import { executeEntry, type Incoming } from '../entries/execute-entry';
import type { RouteDefinition } from './route-definition';

export type RouteAnswer = { status: number; headers: Record<string, string>; body: unknown };

/**
 * Runs one route for one request through the shared executor (read, authorize, validate, run).
 * The answer is `{ data }`, or `{ error: { code, message, requestId, fieldErrors? } }` with the
 * status from AppError's table, and `Retry-After` when the error says when to try again.
 */
export async function executeRoute({
  definition,
  db,
  ...incoming
}: {
  // biome-ignore lint/suspicious/noExplicitAny: executes definitions of every input type.
  definition: RouteDefinition<any, any, unknown>;
  db: PrismaClient;
} & Incoming): Promise<RouteAnswer> {
  const outcome = await executeEntry({
    label: `route ${definition.name}`,
    access: definition.access,
    schema: definition.input,
    invalidMessage: 'The request is not valid.',
    db,
    incoming: incoming as Incoming,
    run: definition.run,
  });
  if (outcome.ok) return { status: 200, headers: {}, body: { data: outcome.value } };
  const { error, requestId } = outcome;
  const retryAfter = error.retryAfterSeconds;
  return {
    status: httpStatusForCode(error.code),
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    body: {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      },
    },
  };
}
