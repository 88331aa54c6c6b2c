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
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/** Normalises an absolute root directory supplied with a request (`home`, `workspace`). */
export function normalizeRootDirectory(value: string, field: string): NormalizedPath {
  if (value.includes('\u0000')) return { ok: false, reason: `${field} contains a NUL character` };
  if (!value.startsWith('/')) return { ok: false, reason: `${field} must be an absolute path` };
  return { ok: true, segments: resolveSegments([], value) };
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
