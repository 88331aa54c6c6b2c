import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { writeSessionCookie } from '../auth/write-session-cookie';
import { db } from '../db';
import { readRequestContext } from '../http/read-request-context';
import type { Access } from './access';
import type { ActionDefinition, AnyActionDefinition } from './action-definition';
import { registerAction } from './action-registry';
import type { ActionResult } from './action-result';
import { runFormAction } from './run-form-action';

export type FormAction<Data> = (
  previous: ActionResult<Data>,
  formData: FormData,
) => Promise<ActionResult<Data>>;

/**
 * Declares a server action. The returned function is what a form's `useActionState` calls; it
 * runs the action through the shared executor (request, authorization, validation, the domain
 * call, error mapping) and applies the cookie and navigation effects of a success.
 */
export function defineAction<A extends Access, Schema extends z.ZodType, Data>(
  definition: ActionDefinition<A, Schema, Data>,
): FormAction<Data> {
  const action: FormAction<Data> = async (_previous, formData) => {
    const { result, effects } = await runFormAction({
      definition: definition as unknown as AnyActionDefinition,
      db: db(),
      formData,
      readContext: readRequestContext,
    });
    if (result.status === 'success') {
      if (effects.session)
        writeSessionCookie({ cookies: await cookies(), session: effects.session });
      revalidatePath('/', 'layout');
      if (effects.redirectTo) redirect(effects.redirectTo);
    }
    return result as ActionResult<Data>;
  };
  registerAction(action, definition as unknown as AnyActionDefinition);
  return action;
}
