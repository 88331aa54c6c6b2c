import { AppError, isAppError, toFieldErrors } from '@parapet/accounts/schemas';
import { isDatabaseBusy, type PrismaClient } from '@parapet/db';
import type { z } from 'zod';
import type { Access } from '../actions/access';
import type { RequestContext } from '../actions/request-context';
import { type CallerFor, resolveCaller } from '../actions/resolve-caller';

/** What one call brings: the request, and its input before validation. */
export type IncomingCall = { request: RequestContext; rawInput: Record<string, unknown> };

/**
 * A call as the executor receives it: already read (tests), or a function that reads it from
 * the framework's request. Reading can fail on what a client sent (a malformed cookie header,
 * a body that is not a form), so it happens inside the executor, where failures are mapped.
 */
export type Incoming = IncomingCall | { requestId: string; read: () => Promise<IncomingCall> };

export type EntryOutcome<Value> =
  | { ok: true; value: Value; input: Record<string, unknown> }
  | {
      ok: false;
      error: AppError;
      /**
       * A failure nobody meant (a bug, a database outage): logged, shown only generically. A
       * database too busy to answer in time is not one of them: it comes back as BUSY.
       */
      unexpected: boolean;
      requestId: string;
      input: Record<string, unknown>;
    };

/**
 * The one way an action or a route handler runs, in this order: read the call, resolve and
 * authorize the caller (session → membership in `orgId` → role), validate the input, run.
 * Authorization comes first so a refused caller learns nothing from validation. Every failure
 * comes back as an AppError; one that is not (a bug) is logged with the request id and comes
 * back as INTERNAL. This is the one place where a database that could not take the work in
 * time (every pooled connection busy past the wait) becomes BUSY, "try again", wherever in the
 * call it happened: overload is not a bug, and a flood of requests must not read as one.
 */
export async function executeEntry<A extends Access, Value>({
  label,
  access,
  schema,
  invalidMessage,
  db,
  incoming,
  run,
}: {
  /** `action members.createInvite`: names the entry point in the log. */
  label: string;
  access: A;
  schema: z.ZodType;
  invalidMessage: string;
  db: PrismaClient;
  incoming: Incoming;
  run: (context: {
    input: unknown;
    caller: CallerFor<A>;
    db: PrismaClient;
    request: RequestContext;
  }) => Promise<Value>;
}): Promise<EntryOutcome<Value>> {
  const requestId = 'read' in incoming ? incoming.requestId : incoming.request.requestId;
  let input: Record<string, unknown> = {};
  try {
    const { request, rawInput } = 'read' in incoming ? await incoming.read() : incoming;
    const { orgId, ...fields } = rawInput;
    input = access.kind === 'member' ? fields : rawInput;
    const caller = await resolveCaller({ db, access, request, orgId });
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', invalidMessage, {
        fieldErrors: toFieldErrors(parsed.error),
      });
    }
    return { ok: true, value: await run({ input: parsed.data, caller, db, request }), input };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error, unexpected: false, requestId, input };
    if (isDatabaseBusy(error)) {
      // One line, not a stack: under a flood there is one per refused request.
      console.warn(`[${requestId}] ${label}: database busy, answered BUSY (${oneLine(error)})`);
      return { ok: false, error: busyError(), unexpected: false, requestId, input };
    }
    console.error(`[${requestId}] ${label} failed`, error);
    const internal = new AppError('INTERNAL', 'Something went wrong on our side.');
    return { ok: false, error: internal, unexpected: true, requestId, input };
  }
}

// A pooled connection comes free within milliseconds once the burst passes; a few seconds is
// long enough for that and short enough that a person retrying by hand does not notice it.
const busyRetrySeconds = 3;

function busyError(): AppError {
  return new AppError('BUSY', 'Parapet is busy. Try again in a few seconds.', {
    retryAfterSeconds: busyRetrySeconds,
  });
}

function oneLine(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message).replaceAll(/\s+/g, ' ').trim();
  return typeof code === 'string' ? `${code}: ${text}` : text;
}
