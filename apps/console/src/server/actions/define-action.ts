import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { formDataToObject } from '@/forms/form-data-to-object';
import { sessionCookie } from '../auth/session-cookie';
import { db } from '../db';
import { readRequestContext } from '../http/read-request-context';
import type { Access } from './access';
import type { ActionDefinition, ActionEffects, AnyActionDefinition } from './action-definition';
import { registerAction } from './action-registry';
import type { ActionResult } from './action-result';
import { executeAction } from './execute-action';

export type FormAction<Data> = (
  previous: ActionResult<Data>,
  formData: FormData,
) => Promise<ActionResult<Data>>;

/**
 * Declares a server action. The returned function is what a form's `useActionState` calls; it
 * reads the request (cookie, address), runs the action through `executeAction` (authorization,
 * validation, the domain call, error mapping) and applies the cookie and navigation effects.
 */
export function defineAction<A extends Access, Schema extends z.ZodType, Data>(
  definition: ActionDefinition<A, Schema, Data>,
): FormAction<Data> {
  const action: FormAction<Data> = async (_previous, formData) => {
    const request = await readRequestContext();
    const { result, effects } = await executeAction({
      definition: definition as unknown as AnyActionDefinition,
      db: db(),
      request,
      rawInput: formDataToObject(formData),
    });
    if (result.status === 'success') {
      await applyEffects(effects);
      revalidatePath('/', 'layout');
      if (effects.redirectTo) redirect(effects.redirectTo);
    }
    return result as ActionResult<Data>;
  };
  registerAction(action, definition as unknown as AnyActionDefinition);
  return action;
}

async function applyEffects(effects: ActionEffects): Promise<void> {
  if (!effects.session) return;
  const cookieStore = await cookies();
  const { name, options } = sessionCookie();
  if (effects.session === 'clear') {
    cookieStore.delete({ name, path: options.path });
    return;
  }
  cookieStore.set(name, effects.session.token, { ...options, expires: effects.session.expires });
}
