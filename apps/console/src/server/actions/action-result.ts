import type { AppErrorCode, FieldErrors } from '@parapet/accounts/schemas';

/**
 * What a form receives back from a server action. Never an exception: refusals and failures
 * arrive as `error` with a message (and, for input problems, a message per field).
 */
export type ActionResult<Data = unknown> =
  | { status: 'idle' }
  | { status: 'success'; data: Data; message?: string | undefined }
  | {
      status: 'error';
      code: AppErrorCode;
      message: string;
      fieldErrors?: FieldErrors | undefined;
      /** Set for unexpected failures, so a report can be matched to the server log. */
      requestId?: string | undefined;
      /** Non-secret values the user typed, so the form can show them again. */
      values?: Record<string, string> | undefined;
    };

export const idleResult: ActionResult<never> = { status: 'idle' };
