import type { PrismaClient } from '@parapet/db';
import { isDatabaseBusy } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { recordDirectoryEvent } from '../events/record-directory-event';
import { authenticateDirectoryToken, readBearerToken } from './authenticate-directory-token';
import { isUuid } from './is-uuid';
import { routeScimRequest } from './route-scim-request';
import type { ScimContext } from './scim-context';
import { badRequest, conflict, isScimError, ScimError } from './scim-error';
import { maxBodyBytes } from './scim-limits';
import { errorResponse, type ScimResponse } from './scim-response';

// One SCIM request, from the raw HTTP parts to the answer: the directory's bearer token, the
// body's size and content type, JSON parsing, routing, and the mapping of every failure to a
// SCIM error. Refusals are recorded in the directory's event log (a GET of something absent is
// an answer, not a refusal); an unexpected failure is a 500 recorded as an error, and logged
// without the request's body or token.

export type ScimHttpRequest = {
  db: PrismaClient;
  method: string;
  /** The directory id of the address `/scim/v2/<directoryId>/…`. */
  directoryId: string;
  /** The path below it, split on '/', empty segments dropped. */
  segments: string[];
  query: URLSearchParams;
  authorization: string | null;
  contentType: string | null;
  ifMatch: string | null;
  ifNoneMatch: string | null;
  /** The body as read, or 'too large' when it passed maxBodyBytes. */
  body: string | 'too large' | null;
  /** `https://host`: the origin the identity provider addressed. */
  origin: string;
};

const jsonContentType = /^application\/(scim\+)?json\s*(;.*)?$/i;

export async function handleScimRequest(request: ScimHttpRequest): Promise<ScimResponse> {
  const method = request.method.toUpperCase();
  const path = `/${request.segments.join('/')}`;
  let context: ScimContext | undefined;
  try {
    const caller = await authenticateDirectoryToken({
      db: request.db,
      directoryId: request.directoryId,
      token: readBearerToken(request.authorization),
    });
    context = {
      db: request.db,
      ...caller,
      baseUrl: `${request.origin}/scim/v2/${caller.directoryId}`,
      method,
      path,
    };
    const takesBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    if (takesBody) checkBody(request);
    const response = await routeScimRequest({
      context,
      segments: request.segments,
      query: Object.fromEntries(request.query.entries()),
      body: () => parseBody(request.body),
      ifMatch: request.ifMatch ?? undefined,
      ifNoneMatch: request.ifNoneMatch ?? undefined,
    });
    if (method === 'GET') await countRead(context);
    return response;
  } catch (error) {
    const scimError = toScimError(error);
    await recordRefusal(request, context, method, path, scimError);
    return errorResponse(scimError);
  }
}

function checkBody(request: ScimHttpRequest): void {
  if (request.body === 'too large') {
    throw new ScimError(413, `The body is larger than ${maxBodyBytes} bytes.`);
  }
  if (request.contentType !== null && !jsonContentType.test(request.contentType.trim())) {
    throw new ScimError(415, 'Send the body as application/scim+json (or application/json).');
  }
}

function parseBody(body: string | 'too large' | null): unknown {
  if (body === null || body === 'too large' || body.trim() === '') {
    throw badRequest('invalidSyntax', 'The request needs a JSON body.');
  }
  try {
    return JSON.parse(body);
  } catch {
    throw badRequest('invalidSyntax', 'The body is not valid JSON.');
  }
}

function toScimError(error: unknown): ScimError {
  if (isScimError(error)) return error;
  const code = (error as { code?: unknown })?.code;
  // A unique index caught what the checks before it could not see (a concurrent writer).
  if (code === 'P2002') return conflict('A unique attribute of this resource is already taken.');
  if (isDatabaseBusy(error) || code === 'P2034' || code === 'P2028') {
    return new ScimError(503, 'The server is busy. Try again in a few seconds.', undefined, {
      'Retry-After': '3',
    });
  }
  console.error(
    `SCIM request failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : 'unknown error'}`,
  );
  return new ScimError(500, 'Something went wrong on our side. Try again.');
}

/** Counts a read on the directory (changes are counted in their own transaction). */
async function countRead(context: ScimContext): Promise<void> {
  await scopedDb({ prisma: context.db, orgId: context.orgId }).directory.update({
    where: { id: context.directoryId },
    data: { requestCount: { increment: 1 } },
    select: { id: true },
  });
}

async function recordRefusal(
  request: ScimHttpRequest,
  context: ScimContext | undefined,
  method: string,
  path: string,
  error: ScimError,
): Promise<void> {
  if (method === 'GET' && error.status === 404) return;
  try {
    // A request that failed authentication is recorded in the log of the directory its address
    // names, if that exists: a wrong or old token is what an admin needs to see.
    const target = context ?? (await directoryOfAddress(request));
    if (!target) return;
    const db = scopedDb({ prisma: request.db, orgId: target.orgId });
    await db.$transaction(async (tx) => {
      await recordDirectoryEvent(tx as never, {
        orgId: target.orgId,
        directoryId: target.directoryId,
        action: 'request.refused',
        outcome: error.status >= 500 ? 'error' : 'refused',
        method,
        path,
        status: error.status,
        summary: `${method} ${path} refused (${error.status}${error.scimType ? ` ${error.scimType}` : ''}): ${error.message}`,
      });
    });
  } catch (recordError) {
    console.error(
      `SCIM refusal not recorded: ${recordError instanceof Error ? recordError.message.split('\n')[0] : 'unknown error'}`,
    );
  }
}

async function directoryOfAddress(request: ScimHttpRequest) {
  if (!isUuid(request.directoryId)) return undefined;
  const directory = await request.db.directory.findUnique({
    where: { id: request.directoryId.toLowerCase() },
    select: { id: true, orgId: true },
  });
  return directory ? { orgId: directory.orgId, directoryId: directory.id } : undefined;
}
