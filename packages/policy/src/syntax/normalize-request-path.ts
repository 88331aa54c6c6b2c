import { splitPathRoot } from './parse-path-pattern';

export type NormalizedPath =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Resolves `.`, `..` and repeated `/` lexically onto `base`. `..` at the top stays at the top,
 * as the kernel does for `/..`. The engine never touches the disk: symlinks are resolved by the
 * enforcement point before it asks.
 */
export function resolveSegments(base: readonly string[], rest: string): string[] {
  const segments = base.slice();
  let start = 0;
  while (start <= rest.length) {
    let end = rest.indexOf('/', start);
    if (end === -1) end = rest.length;
    const length = end - start;
    if (length === 2 && rest.charCodeAt(start) === 46 && rest.charCodeAt(start + 1) === 46)
      segments.pop();
    else if (length > 0 && !(length === 1 && rest.charCodeAt(start) === 46))
      segments.push(rest.slice(start, end));
    start = end + 1;
  }
  return segments;
}

const MAX_CACHED_ROOTS = 256;
const rootCaches = {
  home: new Map<string, NormalizedPath>(),
  workspace: new Map<string, NormalizedPath>(),
};

/**
 * Normalises an absolute root directory supplied with a request (`home`, `workspace`). An
 * endpoint sends the same few roots with every request, so results are remembered (a bounded
 * number of them; the cached values are never modified).
 */
export function normalizeRootDirectory(value: string, field: 'home' | 'workspace'): NormalizedPath {
  const cache = rootCaches[field];
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  let result: NormalizedPath;
  if (value.includes('\u0000')) result = { ok: false, reason: `${field} contains a NUL character` };
  else if (!value.startsWith('/'))
    result = { ok: false, reason: `${field} must be an absolute path` };
  else result = { ok: true, segments: resolveSegments([], value) };
  if (cache.size >= MAX_CACHED_ROOTS) cache.clear();
  cache.set(value, result);
  return result;
}

/**
 * Normalises a request path to absolute segments: `~` and `:home` become `home`, `:workspace`
 * becomes `workspace`, then `.`/`..`/`//` are resolved across the whole path, so
 * `:workspace/../../etc` lands outside the workspace where it belongs.
 */
export function normalizeRequestPath(
  path: string,
  roots: { home: readonly string[] | null; workspace: readonly string[] | null },
): NormalizedPath {
  if (path.includes('\u0000')) return { ok: false, reason: 'the path contains a NUL character' };
  const split = splitPathRoot(path);
  if (split.root === null) return { ok: false, reason: split.problem };
  if (split.root === 'absolute') return { ok: true, segments: resolveSegments([], split.rest) };
  const base = split.root === 'home' ? roots.home : roots.workspace;
  if (base === null) {
    return {
      ok: false,
      reason: `the path uses the ${split.root} root but the request gives no ${split.root}`,
    };
  }
  return { ok: true, segments: resolveSegments(base, split.rest) };
}
