/**
 * Every failure the agent reports, named by what a person (or a script) does about it. The CLI
 * maps each code to an exit status and prints the message alone, never a stack trace.
 */
export type AgentErrorCode =
  | 'USAGE'
  | 'NOT_ENROLLED'
  | 'ALREADY_ENROLLED'
  | 'STATE_INVALID'
  | 'STATE_INSECURE'
  | 'STATE_LOCKED'
  | 'ENROLLMENT_REFUSED'
  | 'EDGE_UNREACHABLE'
  | 'EDGE_ERROR'
  | 'EDGE_PROTOCOL'
  | 'DEVICE_REFUSED'
  | 'BUNDLE_REFUSED';

export class AgentError extends Error {
  readonly code: AgentErrorCode;
  /** For errors answered by the edge: its HTTP status and error code. */
  readonly status: number | undefined;
  readonly edgeCode: string | undefined;
  /** The edge's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: AgentErrorCode,
    message: string,
    details: { status?: number; edgeCode?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AgentError';
    this.code = code;
    this.status = details.status;
    this.edgeCode = details.edgeCode;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
