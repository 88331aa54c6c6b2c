import { splitPathRoot } from './parse-path-pattern';

/** A request's `home` or `workspace`, normalised: its absolute text and number of segments. */
export interface RootDirectory {
  readonly text: string;
  readonly depth: number;
}

/**
 * Resolves `.`, `..` and repeated `/` of an absolute path lexically. `..` at the top stays at
 * the top, as the kernel does for `/..`. The engine never touches the disk: symlinks are
 * resolved by the enforcement point before it asks.
 */
export function resolveSegments(path: string): string[] {
  const segments: string[] = [];
  let start = 0;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    const length = end - start;
    if (length === 2 && path.charCodeAt(start) === 46 && path.charCodeAt(start + 1) === 46) {
      segments.pop();
    } else if (length > 0 && !(length === 1 && path.charCodeAt(start) === 46)) {
      segments.push(path.slice(start, end));
    }
    start = end + 1;
  }
  return segments;
}

/**
 * Counts the segments of an absolute path that needs no normalisation (no empty, `.` or `..`
 * segment, no trailing `/`, no NUL), or returns -1. Endpoints send canonical roots, and this
 * reads them without allocating.
 */
function canonicalDepth(value: string): number {
  if (value === '/') return 0;
  let depth = 0;
  let start = 1;
  for (let index = 1; index <= value.length; index++) {
    const code = index === value.length ? 47 : value.charCodeAt(index);
    if (code === 0) return -1;
    if (code !== 47) continue;
    const length = index - start;
    if (length === 0) return -1;
    if (
      value.charCodeAt(start) === 46 &&
      (length === 1 || (length === 2 && value.charCodeAt(start + 1) === 46))
    ) {
      return -1;
    }
    depth++;
    start = index + 1;
  }
  return depth;
}

/** Normalises a request's absolute root directory; returns the reason when it is not one. */
export function normalizeRootDirectory(
  value: string,
  field: 'home' | 'workspace',
): RootDirectory | string {
  if (!value.startsWith('/')) return `${field} must be an absolute path`;
  if (value.includes('\u0000')) return `${field} contains a NUL character`;
  const depth = canonicalDepth(value);
  if (depth >= 0) return { text: value, depth };
  const segments = resolveSegments(value);
  return { text: `/${segments.join('/')}`, depth: segments.length };
}

/** True when the normalised `segments` lie at or below `root`. */
export function isUnderRoot(segments: readonly string[], root: RootDirectory): boolean {
  if (segments.length < root.depth) return false;
  const { text } = root;
  let position = 1;
  for (let index = 0; index < root.depth; index++) {
    const segment = segments[index] ?? '';
    if (!text.startsWith(segment, position)) return false;
    position += segment.length;
    if (position !== text.length && text.charCodeAt(position) !== 47) return false;
    position++;
  }
  return true;
}

/**
 * Normalises a request path to absolute segments: `~` and `:home` become `home`, `:workspace`
 * becomes `workspace`, then `.`/`..`/`//` are resolved across the whole path, so
 * `:workspace/../../etc` lands outside the workspace where it belongs. Returns the reason when
 * the path is invalid.
 */
export function normalizeRequestPath(
  path: string,
  roots: { home: RootDirectory | null; workspace: RootDirectory | null },
): string[] | string {
  if (path.includes('\u0000')) return 'the path contains a NUL character';
  const split = splitPathRoot(path);
  if (split.root === null) return split.problem;
  if (split.root === 'absolute') return resolveSegments(split.rest);
  const base = split.root === 'home' ? roots.home : roots.workspace;
  if (base === null)
    return `the path uses the ${split.root} root but the request gives no ${split.root}`;
  return resolveSegments(base.depth === 0 ? split.rest : base.text + split.rest);
}
