// @parapet/errors: the one error type that crosses layers (domain → server action or route
// handler → form) and its table from code to HTTP status. No node: imports and no I/O, so
// client components may import it as freely as server code.

export {
  AppError,
  type AppErrorCode,
  type AppErrorIssue,
  type AppErrorOptions,
  appErrorStatus,
  type FieldErrors,
  httpStatusForCode,
  isAppError,
} from './app-error';
export { toFieldErrors } from './to-field-errors';
