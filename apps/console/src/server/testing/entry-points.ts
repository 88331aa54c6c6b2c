import type { PrismaClient } from '@parapet/db';
import type { Access } from '../entry-points/access';
import {
  type AnyActionDefinition,
  type AnyRouteDefinition,
  actionDefinitionOf,
  routeDefinitionOf,
  runAction,
  runRoute,
} from '../entry-points/entry-points';
import type { RequestContext } from '../entry-points/request';

/** An action or a route handler, callable the same way by the authorization checks. */
export type EntryPoint = {
  kind: 'action' | 'route';
  name: string;
  access: Access;
  /** Runs it for a request; `code` is the AppError code of a refusal. */
  call?: (args: {
    db: PrismaClient;
    request: RequestContext;
    rawInput: Record<string, unknown>;
  }) => Promise<{ ok: true } | { ok: false; code: string; message: string }>;
};

/** Every export of the scanned modules, and the entry point behind each (if any). */
export type ScannedExport = {
  file: string;
  exportName: string;
  entryPoint: EntryPoint | undefined;
};

export function scanActionModules(
  modules: Record<string, Record<string, unknown>>,
): ScannedExport[] {
  return Object.entries(modules).flatMap(([file, module]) =>
    Object.entries(module).map(([exportName, value]) => {
      const definition = actionDefinitionOf(value);
      return {
        file,
        exportName,
        entryPoint: definition ? actionEntryPoint(definition) : undefined,
      };
    }),
  );
}

export function scanRouteModules(
  modules: Record<string, Record<string, unknown>>,
): ScannedExport[] {
  const httpMethods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
  return Object.entries(modules).flatMap(([file, module]) =>
    Object.entries(module)
      .filter(([exportName]) => httpMethods.has(exportName))
      .map(([exportName, value]) => {
        const definition = routeDefinitionOf(value);
        return {
          file,
          exportName,
          entryPoint: definition ? routeEntryPoint(definition, value) : undefined,
        };
      }),
  );
}

function actionEntryPoint(definition: AnyActionDefinition): EntryPoint {
  return {
    kind: 'action',
    name: definition.name,
    access: definition.access,
    call: async ({ db, request, rawInput }) => {
      const { result } = await runAction({ definition, db, request, rawInput });
      if (result.status === 'error')
        return { ok: false, code: result.code, message: result.message };
      return { ok: true };
    },
  };
}

function routeEntryPoint(definition: AnyRouteDefinition, handler: unknown): EntryPoint {
  if ('delegated' in definition) {
    const { name, access } = definition;
    if (access.kind !== 'directoryToken') return { kind: 'route', name, access };
    return { kind: 'route', name, access, call: directoryTokenCall(definition, handler) };
  }
  return {
    kind: 'route',
    name: definition.name,
    access: definition.access,
    call: async ({ db, request, rawInput }) => {
      const answer = await runRoute({ definition, db, request, rawInput });
      if (answer.status < 400) return { ok: true };
      const { error } = answer.body as { error: { code: string; message: string } };
      return { ok: false, code: error.code, message: error.message };
    },
  };
}

/**
 * A route that takes a directory token, called as its identity provider would: a request to
 * `/scim/v2/<directory>/<path>` with the credential the check gives (an API key or a directory
 * token, both sent as the bearer token) and the session cookie, through the real handler. Its
 * SCIM statuses map to the codes the checks expect.
 */
function directoryTokenCall(definition: AnyRouteDefinition, handler: unknown): EntryPoint['call'] {
  const serve = handler as (request: Request, context: unknown) => Promise<Response>;
  return async ({ request, rawInput }) => {
    // Spoiled inputs (the bad-input suite) reach the route as whatever text they make.
    const directory = encodeURIComponent(wellFormed(rawInput.directory));
    const path = Array.isArray(rawInput.path) ? rawInput.path.map(wellFormed) : [];
    const { body, filter } = rawInput;
    const query = filter === undefined ? '' : `?${new URLSearchParams({ filter: String(filter) })}`;
    const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
    if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
    if (request.sessionToken) headers.cookie = `authjs.session-token=${request.sessionToken}`;
    const response = await serve(
      new Request(
        `${request.origin}/scim/v2/${directory}/${path.map(encodeURIComponent).join('/')}${query}`,
        {
          method: definition.method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
      ),
      { params: Promise.resolve({ directory: String(rawInput.directory), path }) },
    );
    if (response.status < 400) return { ok: true };
    const { detail } = (await response.json()) as { detail: string };
    const codes: Record<number, string> = {
      400: 'INVALID_INPUT',
      401: 'UNAUTHENTICATED',
      403: 'FORBIDDEN',
      404: 'NOT_FOUND',
    };
    return {
      ok: false,
      code: codes[response.status] ?? `SCIM_${response.status}`,
      message: detail,
    };
  };
}

/** A value as text without lone surrogates, which encodeURIComponent refuses. */
function wellFormed(value: unknown): string {
  return String(value).replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}
