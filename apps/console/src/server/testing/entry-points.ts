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
          entryPoint: definition ? routeEntryPoint(definition) : undefined,
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

function routeEntryPoint(definition: AnyRouteDefinition): EntryPoint {
  if ('delegated' in definition) {
    return { kind: 'route', name: definition.name, access: definition.access };
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
