import type { PrismaClient } from '@parapet/db';
import { readFormInput } from '@/forms/read-form-input';
import { newRequestId } from '../http/new-request-id';
import type { AnyActionDefinition } from './action-definition';
import { type ExecutedAction, executeAction } from './execute-action';
import type { RequestContext } from './request-context';

/**
 * One call of a server action as Next.js makes it: the form argument, whatever a client sent,
 * and the request read through `readContext`. Both are read inside the executor, so a
 * malformed call becomes an error result like any other.
 */
export function runFormAction({
  definition,
  db,
  formData,
  readContext,
}: {
  definition: AnyActionDefinition;
  db: PrismaClient;
  formData: unknown;
  readContext: (requestId: string) => Promise<RequestContext>;
}): Promise<ExecutedAction> {
  const requestId = newRequestId();
  return executeAction({
    definition,
    db,
    requestId,
    read: async () => ({
      request: await readContext(requestId),
      rawInput: readFormInput(formData),
    }),
  });
}
