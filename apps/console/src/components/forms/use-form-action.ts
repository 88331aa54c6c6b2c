'use client';

import { useActionState } from 'react';
import type { ActionResult, FormAction } from '@/server/entry-points/action-result';
import { useFailedSubmission } from './submission-boundary';

/**
 * useActionState for a form inside a SubmissionBoundary: when the last send failed in transit,
 * the form, mounted again, starts from an error result carrying the message and what was typed,
 * and shows it where it shows the server's own errors.
 */
export function useFormAction<Data>(action: FormAction<Data>) {
  const [state, formAction, pending] = useActionState(action, {
    status: 'idle',
  } as ActionResult<Data>);
  const failure = useFailedSubmission();
  const result: ActionResult<Data> =
    state.status === 'idle' && failure
      ? { status: 'error', code: 'UNREACHABLE', message: failure.message, values: failure.values }
      : state;
  return [result, formAction, pending] as const;
}
