import type { FilesystemEntry, FilesystemIndex } from '../compile/compile-filesystem-rules';
import { ListCollector } from '../indexes/list-collector';
import {
  isUnderRoot,
  normalizeRequestPath,
  normalizeRootDirectory,
  type RootDirectory,
} from '../syntax/normalize-request-path';
import { type Decision, invalidRequest } from './decision';
import type { EvaluationScope } from './evaluation-scope';
import { findUnknownField } from './find-unknown-field';

const FIELDS = new Set(['surface', 'path', 'access', 'home', 'workspace']);
const lists = new ListCollector<FilesystemEntry>();

function readRoot(value: unknown, field: 'home' | 'workspace'): RootDirectory | null | string {
  if (value === undefined) return null;
  if (typeof value !== 'string') return `${field} must be a string`;
  return normalizeRootDirectory(value, field);
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
  for (let listIndex = 0; listIndex < lists.count; listIndex++) {
    for (const entry of lists.lists[listIndex] ?? []) {
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
  const segments = normalizeRequestPath(path, { home, workspace });
  if (typeof segments === 'string') return invalidRequest(scope.mode, segments);
  lists.reset();
  index.absolute.collect(segments, 0, lists);
  if (home !== null && isUnderRoot(segments, home)) index.home.collect(segments, home.depth, lists);
  if (workspace !== null && isUnderRoot(segments, workspace)) {
    index.workspace.collect(segments, workspace.depth, lists);
  }
  const { deny, allow } = pick(access === 'write', scope);
  return deny?.decision ?? allow?.decision ?? scope.fallback;
}
