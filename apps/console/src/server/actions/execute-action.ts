import type { PrismaClient } from '@parapet/db';
import { type EntryOutcome, executeEntry, type Incoming } from '../entries/execute-entry';
import type { ActionEffects, AnyActionDefinition } from './action-definition';
import type { ActionResult } from './action-result';

export type ExecutedAction = { result: ActionResult; effects: ActionEffects };

/**
 * Runs one action for one request through the shared executor (read, authorize, validate, run)
 * and turns the outcome into what a form receives: a success with its message, or an error
 * with field errors and the (non-secret) values typed, so the form can show them again. An
 * unexpected failure shows only a generic message carrying the request id.
 */
export async function executeAction({
  definition,
  db,
  ...incoming
}: { definition: AnyActionDefinition; db: PrismaClient } & Incoming): Promise<ExecutedAction> {
  const outcome = await executeEntry({
    label: `action ${definition.name}`,
    access: definition.access,
    schema: definition.input,
    invalidMessage: 'Please correct the highlighted fields.',
    db,
    incoming: incoming as Incoming,
    run: definition.run,
  });
  if (outcome.ok) {
    const { data, message, ...effects } = outcome.value;
    return { result: { status: 'success', data, message }, effects };
  }
  return { result: errorResult(outcome), effects: {} };
}

function errorResult(outcome: Extract<EntryOutcome<unknown>, { ok: false }>): ActionResult {
  const { error, requestId, input } = outcome;
  const values = echoValues(input);
  if (outcome.unexpected) {
    return {
      status: 'error',
      code: 'INTERNAL',
      message: `Something went wrong on our side. Please try again; if it keeps happening, report reference ${requestId}.`,
      requestId,
      values,
    };
  }
  return {
    status: 'error',
    code: error.code,
    message: error.message,
    fieldErrors: error.fieldErrors,
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
