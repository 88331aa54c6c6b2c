import { AppError, isAppError, toFieldErrors } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
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
      /** A failure nobody meant (a bug, a database outage): logged, shown only generically. */
      unexpected: boolean;
      requestId: string;
      input: Record<string, unknown>;
    };

/**
 * The one way an action or a route handler runs, in this order: read the call, resolve and
 * authorize the caller (session → membership in `orgId` → role), validate the input, run.
 * Authorization comes first so a refused caller learns nothing from validation. Every failure
 * comes back as an AppError; one that is not (a bug) is logged with the request id and comes
 * back as INTERNAL.
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
    console.error(`[${requestId}] ${label} failed`, error);
    const internal = new AppError('INTERNAL', 'Something went wrong on our side.');
    return { ok: false, error: internal, unexpected: true, requestId, input };
  }
}
