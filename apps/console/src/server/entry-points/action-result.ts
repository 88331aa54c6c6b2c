import type { AppErrorCode, AppErrorIssue, FieldErrors } from '@parapet/errors';

/**
 * The server's error codes, and `UNREACHABLE`, which only the browser sets: the call to the
 * action failed before any answer came back (see components/forms/submission-boundary.tsx).
 */
export type ActionErrorCode = AppErrorCode | 'UNREACHABLE';

/**
 * What a form receives back from a server action. Never an exception: refusals and failures
 * arrive as `error` with a message (and, for input problems, a message per field).
 */
export type ActionResult<Data = unknown> =
  | { status: 'idle' }
  | { status: 'success'; data: Data; message?: string | undefined }
  | {
      status: 'error';
      code: ActionErrorCode;
      message: string;
      fieldErrors?: FieldErrors | undefined;
      /** Problems of a structured input (a refused publish lists every compile error or failing test). */
      issues?: AppErrorIssue[] | undefined;
      /** Set for unexpected failures, so a report can be matched to the server log. */
      requestId?: string | undefined;
      /** Non-secret values the user typed, so the form can show them again. */
      values?: Record<string, string> | undefined;
    };

export const idleResult: ActionResult<never> = { status: 'idle' };

/** A server action as a form calls it (`useActionState`): the previous result and the form. */
export type FormAction<Data> = (
  previous: ActionResult<Data>,
  formData: FormData,
) => Promise<ActionResult<Data>>;
