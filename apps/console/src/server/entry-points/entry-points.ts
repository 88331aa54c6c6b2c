import { isDatabaseBusy, type PrismaClient } from '@parapet/db';
import { AppError, isAppError, toFieldErrors } from '@parapet/errors';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { readFormInput } from '@/forms/read-form-input';
import { writeSessionCookie } from '../auth/write-session-cookie';
import { db } from '../db';
import { newRequestId } from '../http/new-request-id';
import { writeCurrentOrgCookie } from '../organizations/current-org-cookie';
import {
  type Access,
  type CallerFor,
  type DirectoryTokenAccess,
  type PublicAccess,
  resolveCaller,
} from './access';
import type { ActionResult, FormAction } from './action-result';
import {
  type IncomingCall,
  type RequestContext,
  type RouteBodyKind,
  readNextRequest,
  readRouteCall,
} from './request';

// Every way into the console's server — server actions, route handlers — is declared here and
// runs through one executor: read the call, resolve and authorize the caller (access.ts),
// validate the input with the schema the form shares, call one domain function, map its error.
// The registries list every declaration, so the security suite (authorization.test.ts,
// bad-input.test.ts) runs the same checks over all of them and fails on any export that
// bypasses this module.

export type EntryContext<A extends Access, Input> = {
  input: Input;
  caller: CallerFor<A>;
  db: PrismaClient;
  request: RequestContext;
};

/** Side effects an action asks the web layer to apply after it succeeded. */
export type ActionEffects = {
  /** Set the session cookie (sign-in) or clear it (sign-out). */
  session?: { token: string; expires: Date } | 'clear';
  /** Navigate here afterwards. */
  redirectTo?: string;
  /** Remember this organization as the one the console shows (a membership the action checked). */
  currentOrg?: string;
};

export type ActionOutcome<Data> = ActionEffects & { data: Data; message?: string };

/**
 * An action as declared: a name (unique, `area.verb`), who may call it, the zod schema its
 * input must satisfy (besides `orgId`, which member actions take separately), and `run`, which
 * calls exactly one domain function and says what to show or do next.
 */
export type ActionDefinition<A extends Access, Schema extends z.ZodType, Data> = {
  name: string;
  access: A;
  input: Schema;
  run: (context: EntryContext<A, z.output<Schema>>) => Promise<ActionOutcome<Data>>;
};

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A success status a route may answer with: 204 sends no body. */
export type SuccessStatus = 200 | 201 | 204;

/** What describes an admin API route in its OpenAPI document (see api/openapi.ts). */
export type ApiRouteInfo = {
  /** The address with its dynamic segments in braces: `/api/v1/api-keys/{id}`. */
  path: string;
  summary: string;
  /** The schema of a success's body, when it has one. */
  output?: z.ZodType;
};

/**
 * A route handler as declared: like an action, with the input read by readRouteCall (the query
 * string, the body of a write, the headers named in `headerInput`, the path's segments). The
 * console's own routes answer `{ data }`; an admin API route (`api`) answers the data itself,
 * with `status` and `headers`, which may depend on the data. Errors are always `{ error: { code,
 * message, requestId, fieldErrors?, issues? } }` with the status from AppError's table.
 */
export type RouteDefinition<A extends Access, Schema extends z.ZodType, Data> = {
  name: string;
  method: RouteMethod;
  access: A;
  input: Schema;
  run: (context: EntryContext<A, z.output<Schema>>) => Promise<Data>;
  /** Marks a route of the admin API (/api/v1): bare JSON bodies, documented in OpenAPI. */
  api?: ApiRouteInfo;
  /** How a write's body is read: a JSON object (default), or a document's text as written. */
  bodyKind?: RouteBodyKind;
  /** Input fields read from request headers: field → header name, e.g. `{ ifMatch: 'if-match' }`. */
  headerInput?: Record<string, string>;
  // Declare `status` and `headers` after `run`: TypeScript infers the data's type from the
  // members in the order they are written, so written first they would see `unknown`.
  /** The success status; 200 unless said otherwise. */
  status?: SuccessStatus | ((data: Data) => SuccessStatus);
  /** Headers of a success, from its data (an `ETag`, a `Location`). */
  headers?: (data: Data) => Record<string, string>;
  /**
   * Serve a success as a file to save: the data itself (not `{ data }`), under the name this
   * returns. Errors stay JSON error bodies.
   */
  download?: (data: Data) => string;
  /**
   * Serve a success as a file of bytes (an archive): its name, media type and content. The
   * data's other fields are not sent. Errors stay JSON error bodies.
   */
  file?: (data: Data) => { name: string; contentType: string; content: Uint8Array };
  /**
   * Serve a success as a stream to save (an export of millions of rows): opened only when the
   * response is written, so authorization and validation come first and nothing is held open
   * for a call that is never read. Its headers (a row count) are known before the body starts.
   */
  stream?: (data: Data) => Promise<{
    name: string;
    contentType: string;
    headers?: Record<string, string>;
    body: ReadableStream<Uint8Array>;
  }>;
};

/**
 * A route that authenticates on its own: served by another library (Auth.js), or by a service
 * with its own credential (SCIM's directory tokens).
 */
export type DelegatedRouteDefinition = {
  name: string;
  method: RouteMethod;
  access: PublicAccess | DirectoryTokenAccess;
  delegated: true;
};

// The erased forms the registries and the security suite work with.
// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of every input type.
export type AnyActionDefinition = ActionDefinition<Access, z.ZodType, any>;
export type AnyRouteDefinition =
  // biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of every input type.
  RouteDefinition<Access, z.ZodType, any> | DelegatedRouteDefinition;

const actions = createRegistry<AnyActionDefinition>('action');
const routes = createRegistry<AnyRouteDefinition>('route');
export const actionDefinitionOf = actions.definitionOf;
export const routeDefinitionOf = routes.definitionOf;
export const registeredActions = actions.all;
export const registeredRoutes = routes.all;

/**
 * A call as the executor receives it: already read (tests), or a function that reads it from
 * the framework's request. Reading can fail on what a client sent (a malformed cookie header,
 * a body that is not a form), so it happens inside the executor, where failures are mapped.
 */
export type Incoming = IncomingCall | { requestId: string; read: () => Promise<IncomingCall> };

type Failure = {
  error: AppError;
  /** A failure nobody meant (a bug): logged with its stack, shown only generically. */
  unexpected: boolean;
  requestId: string;
  input: Record<string, unknown>;
};

type Outcome<Value> = ({ ok: true; value: Value } | ({ ok: false } & Failure)) & {
  input: Record<string, unknown>;
};

// A pooled connection comes free within milliseconds once a burst passes; a few seconds is
// long enough for that and short enough that a person retrying by hand does not notice it.
const busyRetrySeconds = 3;

/**
 * The one way an entry point runs, in this order: read the call, resolve and authorize the
 * caller, validate the input, run. Authorization comes first so a refused caller learns nothing
 * from validation. Every failure comes back as an AppError. A database that could not take the
 * work in time (every pooled connection busy past the wait) becomes BUSY, "try again", wherever
 * it happened: overload is not a bug, and a flood must not read as one. Anything else that is
 * not an AppError is a bug: logged with the request id, answered as INTERNAL.
 */
async function execute<A extends Access, Value>({
  label,
  definition,
  invalidMessage,
  db,
  incoming,
}: {
  label: string;
  definition: {
    access: A;
    input: z.ZodType;
    run: (context: EntryContext<A, never>) => Promise<Value>;
  };
  invalidMessage: string;
  db: PrismaClient;
  incoming: Incoming;
}): Promise<Outcome<Value>> {
  const requestId = 'read' in incoming ? incoming.requestId : incoming.request.requestId;
  let input: Record<string, unknown> = {};
  try {
    const { request, rawInput } = 'read' in incoming ? await incoming.read() : incoming;
    const { orgId, ...fields } = rawInput;
    input = definition.access.kind === 'member' ? fields : rawInput;
    const caller = await resolveCaller({ db, access: definition.access, request, orgId });
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', invalidMessage, {
        fieldErrors: toFieldErrors(parsed.error),
      });
    }
    const value = await definition.run({ input: parsed.data as never, caller, db, request });
    return { ok: true, value, input };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error, unexpected: false, requestId, input };
    if (isDatabaseBusy(error)) {
      // One line, not a stack: under a flood there is one per refused request.
      console.warn(`[${requestId}] ${label}: database busy, answered BUSY (${oneLine(error)})`);
      const busy = new AppError('BUSY', 'Parapet is busy. Try again in a few seconds.', {
        retryAfterSeconds: busyRetrySeconds,
      });
      return { ok: false, error: busy, unexpected: false, requestId, input };
    }
    console.error(`[${requestId}] ${label} failed`, error);
    const internal = new AppError('INTERNAL', 'Something went wrong on our side.');
    return { ok: false, error: internal, unexpected: true, requestId, input };
  }
}

export type ExecutedAction = { result: ActionResult; effects: ActionEffects };

/**
 * Runs one action for one call and turns the outcome into what a form receives: a success with
 * its message, or an error with field errors and the (non-secret) values typed, so the form can
 * show them again. An unexpected failure shows only a generic message carrying the request id.
 */
export async function runAction({
  definition,
  db,
  ...incoming
}: { definition: AnyActionDefinition; db: PrismaClient } & Incoming): Promise<ExecutedAction> {
  const outcome = await execute({
    label: `action ${definition.name}`,
    definition,
    invalidMessage: 'Please correct the highlighted fields.',
    db,
    incoming: incoming as Incoming,
  });
  if (outcome.ok) {
    const { data, message, ...effects } = outcome.value;
    return { result: { status: 'success', data, message }, effects };
  }
  const values = echoValues(outcome.input);
  if (outcome.unexpected) {
    const { requestId } = outcome;
    const message = `Something went wrong on our side. Please try again; if it keeps happening, report reference ${requestId}.`;
    return {
      result: { status: 'error', code: 'INTERNAL', message, requestId, values },
      effects: {},
    };
  }
  const { code, message, fieldErrors, issues } = outcome.error;
  return { result: { status: 'error', code, message, fieldErrors, issues, values }, effects: {} };
}

export type RouteAnswer = { status: number; headers: Record<string, string>; body: unknown };

/**
 * Runs one route for one call. A success is `{ data }`, or for an admin API route the data
 * itself (nothing for 204), with the route's status and headers. A failure is `{ error: { code,
 * message, requestId, fieldErrors?, issues? } }` with the status from AppError's table,
 * `Retry-After` when the error says when to try again, and `WWW-Authenticate` when an API route
 * wants a key.
 */
export async function runRoute({
  definition,
  db,
  ...incoming
}: {
  // biome-ignore lint/suspicious/noExplicitAny: runs definitions of every input type.
  definition: RouteDefinition<any, any, unknown>;
  db: PrismaClient;
} & Incoming): Promise<RouteAnswer> {
  const outcome = await execute({
    label: `route ${definition.name}`,
    definition,
    invalidMessage: 'The request is not valid.',
    db,
    incoming: incoming as Incoming,
  });
  if (outcome.ok) {
    const data = outcome.value;
    const status =
      typeof definition.status === 'function'
        ? definition.status(data)
        : (definition.status ?? 200);
    const body = status === 204 ? null : definition.api ? data : { data };
    return { status, headers: definition.headers?.(data) ?? {}, body };
  }
  const { error, requestId } = outcome;
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(error.retryAfterSeconds);
  if (error.code === 'UNAUTHENTICATED' && definition.api) headers['WWW-Authenticate'] = 'Bearer';
  return {
    status: error.status,
    headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
        ...(error.issues ? { issues: error.issues } : {}),
      },
    },
  };
}

/**
 * Declares a server action. The returned function is what a form's `useActionState` calls; it
 * runs the action through the executor and applies the cookie and navigation effects of a
 * success.
 */
export function defineAction<A extends Access, Schema extends z.ZodType, Data>(
  definition: ActionDefinition<A, Schema, Data>,
): FormAction<Data> {
  const erased = definition as unknown as AnyActionDefinition;
  const action: FormAction<Data> = async (_previous, formData) => {
    const requestId = newRequestId();
    const { result, effects } = await runAction({
      definition: erased,
      db: db(),
      requestId,
      read: async () => ({
        request: await readNextRequest(requestId),
        rawInput: readFormInput(formData),
      }),
    });
    if (result.status === 'success') {
      if (effects.session)
        writeSessionCookie({ cookies: await cookies(), session: effects.session });
      if (effects.currentOrg)
        writeCurrentOrgCookie({ cookies: await cookies(), orgId: effects.currentOrg });
      revalidatePath('/', 'layout');
      if (effects.redirectTo) redirect(effects.redirectTo);
    }
    return result as ActionResult<Data>;
  };
  actions.register(action, erased);
  return action;
}

/**
 * What Next.js hands a route handler besides the request: the dynamic segments of its address
 * (`[id]`, `[...path]`), already decoded, as a promise since Next.js 15.
 */
export type RouteHandlerContext = {
  params: Promise<Record<string, string | string[] | undefined>>;
};

export type RouteHandler = (request: Request, context?: RouteHandlerContext) => Promise<Response>;

/** Declares a route handler; see RouteDefinition. */
export function defineRoute<A extends Access, Schema extends z.ZodType, Data>(
  definition: RouteDefinition<A, Schema, Data>,
): RouteHandler {
  // biome-ignore lint/suspicious/noExplicitAny: the definition's own types were checked above.
  const erased = definition as RouteDefinition<any, any, unknown>;
  const handler: RouteHandler = async (request, context) => {
    const requestId = newRequestId();
    const answer = await runRoute({
      definition: erased,
      db: db(),
      requestId,
      read: async () =>
        readRouteCall({
          request,
          requestId,
          params: context ? await context.params : {},
          bodyKind: definition.bodyKind,
          headerInput: definition.headerInput,
        }),
    });
    const headers = { ...answer.headers, 'Cache-Control': 'no-store' };
    if (answer.status < 300 && definition.download) {
      const { data } = answer.body as { data: Data };
      return new Response(`${JSON.stringify(data, null, 2)}\n`, {
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Disposition': `attachment; filename="${safeFilename(definition.download(data))}"`,
        },
      });
    }
    if (answer.status < 300 && definition.file) {
      const data = (definition.api ? answer.body : (answer.body as { data: Data }).data) as Data;
      const { name, contentType, content } = definition.file(data);
      return new Response(new Uint8Array(content), {
        headers: {
          ...headers,
          'Content-Type': contentType,
          'Content-Disposition': `attachment; filename="${safeFilename(name)}"`,
        },
      });
    }
    if (answer.status < 300 && definition.stream) {
      const data = (definition.api ? answer.body : (answer.body as { data: Data }).data) as Data;
      return streamResponse({ requestId, headers, open: () => definition.stream?.(data) });
    }
    if (answer.body === null) return new Response(null, { status: answer.status, headers });
    return Response.json(answer.body, { status: answer.status, headers });
  };
  routes.register(handler, erased as AnyRouteDefinition);
  return handler;
}

/** A streamed download; a failure to open it is a generic error, logged with the request id. */
async function streamResponse({
  requestId,
  headers,
  open,
}: {
  requestId: string;
  headers: Record<string, string>;
  open: () =>
    | Promise<{
        name: string;
        contentType: string;
        headers?: Record<string, string>;
        body: ReadableStream<Uint8Array>;
      }>
    | undefined;
}): Promise<Response> {
  try {
    const opened = await open();
    if (!opened) throw new Error('the route declared no stream');
    return new Response(opened.body, {
      headers: {
        ...headers,
        ...opened.headers,
        'Content-Type': opened.contentType,
        'Content-Disposition': `attachment; filename="${safeFilename(opened.name)}"`,
      },
    });
  } catch (error) {
    const busy = isDatabaseBusy(error);
    if (!busy) console.error(`[${requestId}] stream failed to open: ${oneLine(error)}`);
    const code = busy ? 'BUSY' : 'INTERNAL';
    const message = busy
      ? 'The server is busy. Try again in a few seconds.'
      : 'Something went wrong on our side. Try again.';
    return Response.json(
      { error: { code, message, requestId } },
      {
        status: busy ? 503 : 500,
        headers: { ...headers, ...(busy ? { 'Retry-After': '3' } : {}) },
      },
    );
  }
}

/**
 * Registers a handler served by another library that authenticates on its own (Auth.js's
 * endpoints), so the registry still lists every route the console exposes.
 */
export function delegateRoute<Handler extends (...args: never[]) => Promise<Response>>({
  name,
  method,
  access,
  handler,
}: {
  name: string;
  method: RouteMethod;
  access: PublicAccess | DirectoryTokenAccess;
  handler: Handler;
}): Handler {
  const wrapped = ((...args: Parameters<Handler>) => handler(...args)) as Handler;
  routes.register(wrapped, { name, method, access, delegated: true });
  return wrapped;
}

/** Declarations of one kind, by name and by the function Next.js calls. */
function createRegistry<Definition extends { name: string }>(kind: string) {
  const byName = new Map<string, Definition>();
  const byFunction = new WeakMap<object, Definition>();
  return {
    register(entry: object, definition: Definition): void {
      const existing = byName.get(definition.name);
      if (existing && existing !== definition) {
        throw new Error(`Two ${kind}s are named ${definition.name}; ${kind} names must be unique.`);
      }
      byName.set(definition.name, definition);
      byFunction.set(entry, definition);
    },
    /** The definition behind an exported function, if it was declared through this module. */
    definitionOf(entry: unknown): Definition | undefined {
      return typeof entry === 'function' ? byFunction.get(entry) : undefined;
    },
    all(): Definition[] {
      return [...byName.values()];
    },
  };
}

/** The typed values a form may show again: strings only, never secrets. */
function echoValues(input: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    // Never a secret back to the page: passwords, tokens, signing secrets, API keys.
    if (typeof value !== 'string' || /password|token|secret|apikey/i.test(key)) continue;
    values[key] = value.slice(0, 500);
  }
  return values;
}

// A quoted header value cannot carry quotes, backslashes or line breaks; names stay plain.
function safeFilename(name: string): string {
  return name.replaceAll(/[^A-Za-z0-9._-]/g, '-');
}

function oneLine(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message).replaceAll(/\s+/g, ' ').trim();
  return typeof code === 'string' ? `${code}: ${text}` : text;
}
