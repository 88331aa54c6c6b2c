import type { FilesystemEntry, FilesystemIndex } from '../compile/compile-filesystem-rules';
import { normalizeRequestPath, normalizeRootDirectory } from '../syntax/normalize-request-path';
import { type Decision, invalidRequest } from './decision';
import type { EvaluationScope } from './evaluation-scope';
import { findUnknownField } from './find-unknown-field';

const FIELDS = new Set(['surface', 'path', 'access', 'home', 'workspace']);
const lists: (readonly FilesystemEntry[])[] = [];

function readRoot(value: unknown, field: 'home' | 'workspace'): readonly string[] | null | string {
  if (value === undefined) return null;
  if (typeof value !== 'string') return `${field} must be a string`;
  const root = normalizeRootDirectory(value, field);
  return root.ok ? root.segments : root.reason;
}

function isUnder(path: readonly string[], root: readonly string[]): boolean {
  if (path.length < root.length) return false;
  for (let index = 0; index < root.length; index++) if (path[index] !== root[index]) return false;
  return true;
}

/**
 * A deny for read denies read and write; a deny for write denies write only. An allow for
 * write also allows read; an allow for read allows read only.
 */
function pick(
  write: boolean,
  scope: EvaluationScope,
): { deny: FilesystemEntry | null; allow: FilesystemEntry | null } {
  let deny: FilesystemEntry | null = null;
  let allow: FilesystemEntry | null = null;
  for (const list of lists) {
    for (const entry of list) {
      if (scope.active[entry.layer] !== 1) continue;
      if (entry.deny) {
        if ((write || entry.access === 'read') && (deny === null || entry.order < deny.order))
          deny = entry;
      } else if (
        (!write || entry.access === 'write') &&
        (allow === null || entry.order < allow.order)
      ) {
        allow = entry;
      }
    }
  }
  return { deny, allow };
}

export function evaluateFilesystem(
  index: FilesystemIndex,
  request: Readonly<Record<string, unknown>>,
  scope: EvaluationScope,
): Decision {
  const unknown = findUnknownField(request, FIELDS);
  if (unknown !== null) return invalidRequest(scope.mode, unknown);
  const { access, path } = request;
  if (access !== 'read' && access !== 'write')
    return invalidRequest(scope.mode, 'access must be read or write');
  if (typeof path !== 'string') return invalidRequest(scope.mode, 'path must be a string');
  const home = readRoot(request.home, 'home');
  if (typeof home === 'string') return invalidRequest(scope.mode, home);
  const workspace = readRoot(request.workspace, 'workspace');
  if (typeof workspace === 'string') return invalidRequest(scope.mode, workspace);
  const normalized = normalizeRequestPath(path, { home, workspace });
  if (!normalized.ok) return invalidRequest(scope.mode, normalized.reason);
  const { segments } = normalized;
  lists.length = 0;
  index.absolute.collect(segments, 0, lists);
  if (home !== null && isUnder(segments, home)) index.home.collect(segments, home.length, lists);
  if (workspace !== null && isUnder(segments, workspace))
    index.workspace.collect(segments, workspace.length, lists);
  const { deny, allow } = pick(access === 'write', scope);
  return deny?.decision ?? allow?.decision ?? scope.fallback;
}
