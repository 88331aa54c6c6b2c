import { AppError, isAppError, toFieldErrors } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
import type { ActionEffects, AnyActionDefinition } from './action-definition';
import type { ActionResult } from './action-result';
import type { RequestContext } from './request-context';
import { resolveCaller } from './resolve-caller';

export type ExecutedAction = { result: ActionResult; effects: ActionEffects };

/**
 * Runs one action for one request, in this order: resolve and authorize the caller, validate
 * the input, run. Authorization comes first so a refused caller learns nothing from validation.
 * Every failure becomes an error result; unexpected ones are logged with the request id and
 * shown only as a generic message carrying that id.
 */
export async function executeAction({
  definition,
  db,
  request,
  rawInput,
}: {
  definition: AnyActionDefinition;
  db: PrismaClient;
  request: RequestContext;
  rawInput: Record<string, unknown>;
}): Promise<ExecutedAction> {
  const { orgId, ...fields } = rawInput;
  const input = definition.access.kind === 'member' ? fields : rawInput;
  try {
    const caller = await resolveCaller({ db, access: definition.access, request, orgId });
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'Please correct the highlighted fields.', {
        fieldErrors: toFieldErrors(parsed.error),
      });
    }
    const outcome = await definition.run({ input: parsed.data, caller, db, request });
    const { data, message, ...effects } = outcome;
    return { result: { status: 'success', data, message }, effects };
  } catch (error) {
    return { result: errorResult({ error, definition, request, input }), effects: {} };
  }
}

function errorResult({
  error,
  definition,
  request,
  input,
}: {
  error: unknown;
  definition: AnyActionDefinition;
  request: RequestContext;
  input: Record<string, unknown>;
}): ActionResult {
  const values = echoValues(input);
  if (isAppError(error)) {
    return {
      status: 'error',
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      values,
    };
  }
  console.error(`[${request.requestId}] action ${definition.name} failed`, error);
  return {
    status: 'error',
    code: 'INTERNAL',
    message: `Something went wrong on our side. Please try again; if it keeps happening, report reference ${request.requestId}.`,
    requestId: request.requestId,
    values,
  };
}

/** The typed values a form may show again: strings only, never secrets. */
function echoValues(input: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string' || /password|token/i.test(key)) continue;
    values[key] = value.slice(0, 500);
  }
  return values;
}
