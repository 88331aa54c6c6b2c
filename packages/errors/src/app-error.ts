/**
 * Every failure a Parapet domain package reports on purpose carries one of these codes. The
 * table below maps each to the HTTP status a route handler answers with; server actions show
 * the message instead. Codes are per concern (not one catch-all), so callers can react to them.
 */
export const appErrorStatus = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /**
   * Device authentication at the edge (docs/distribution.md): one answer for an enrollment token
   * that is unknown, expired, used up or revoked; a device access token that does not verify or
   * has expired; a challenge that is unknown, expired, used or wrongly signed.
   */
  ENROLLMENT_TOKEN_INVALID: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  CHALLENGE_INVALID: 401,
  FORBIDDEN: 403,
  /** The device was revoked, or its person deactivated: it is cut off until re-enrolled. */
  DEVICE_REVOKED: 403,
  PERSON_DEACTIVATED: 403,
  NOT_FOUND: 404,
  SETUP_COMPLETE: 409,
  CONFLICT: 409,
  LAST_OWNER: 409,
  ACTIVITY_CHAIN_BROKEN: 409,
  INVITE_UNUSABLE: 410,
  /** A write based on a revision someone else has since replaced (an older `If-Match`). */
  STALE_REVISION: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The policy does not compile; `issues` lists every problem with its layer, path and line. */
  POLICY_INVALID: 422,
  /** The policy compiles but some of its tests fail; `issues` lists every failing test. */
  POLICY_TESTS_FAILED: 422,
  SIGN_IN_LOCKED: 429,
  /** The database could not take the work in time (overload); trying again shortly can work. */
  BUSY: 429,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

/** Field name → messages, as forms show them beside each input. */
export type FieldErrors = Record<string, string[]>;

/**
 * One problem of a structured input that is not a form field (a line of a policy document, a
 * failing policy test): a message and whatever locates it (`layer`, `path`, `line`, `test`…).
 * The API answers them as the error's `issues`.
 */
export type AppErrorIssue = { message: string } & Record<string, unknown>;

export type AppErrorOptions = {
  fieldErrors?: FieldErrors;
  issues?: AppErrorIssue[];
  cause?: unknown;
  /** When trying again can work, how soon: a route answers with it as `Retry-After`. */
  retryAfterSeconds?: number;
};

/** The one error type that crosses layers: domain → server action / route handler → form. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly issues: AppErrorIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return appErrorStatus[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The HTTP status for a code; unknown codes are server errors. */
export function httpStatusForCode(code: AppErrorCode): number {
  return appErrorStatus[code] ?? 500;
}
