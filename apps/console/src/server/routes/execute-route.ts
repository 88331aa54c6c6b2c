import { AppError, httpStatusForCode, isAppError, toFieldErrors } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
import type { RequestContext } from '../actions/request-context';
import { resolveCaller } from '../actions/resolve-caller';
import type { RouteDefinition } from './route-definition';

export type RouteAnswer = { status: number; body: unknown };

/**
 * Runs one route for one request: the same caller resolution as actions, then validation, then
 * the domain call. Errors become `{ error: { code, message, requestId, fieldErrors? } }`.
 */
export async function executeRoute({
  definition,
  db,
  request,
  rawInput,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: executes definitions of every input type.
  definition: RouteDefinition<any, any, unknown>;
  db: PrismaClient;
  request: RequestContext;
  rawInput: Record<string, unknown>;
}): Promise<RouteAnswer> {
  const { orgId, ...fields } = rawInput;
  const input = definition.access.kind === 'member' ? fields : rawInput;
  try {
    const caller = await resolveCaller({ db, access: definition.access, request, orgId });
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'The request is not valid.', {
        fieldErrors: toFieldErrors(parsed.error),
      });
    }
    const data = await definition.run({ input: parsed.data, caller, db, request });
    return { status: 200, body: { data } };
  } catch (error) {
    if (isAppError(error)) {
      return {
        status: httpStatusForCode(error.code),
        body: {
          error: {
            code: error.code,
            message: error.message,
            requestId: request.requestId,
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          },
        },
      };
    }
    console.error(`[${request.requestId}] route ${definition.name} failed`, error);
    return {
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on our side.',
          requestId: request.requestId,
        },
      },
    };
  }
}
