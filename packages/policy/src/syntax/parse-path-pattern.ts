export type PathRoot = 'absolute' | 'home' | 'workspace';

/** A filesystem pattern: its root and its segments (literal, `**`, or a glob with `*`). */
export interface PathPattern {
  readonly root: PathRoot;
  readonly segments: readonly string[];
}

export type PathPatternResult =
  | { readonly ok: true; readonly pattern: PathPattern }
  | { readonly ok: false; readonly message: string };

// Each `**` multiplies the ways a path can match; a handful is plenty for real policies and
// keeps the worst case of a lookup small.
const MAX_DOUBLE_STARS = 4;

/**
 * Splits a path into its root and the text after it. Roots are `/`, `~`, `:home` and
 * `:workspace`; `~user` and other `:names` are not roots and are refused.
 */
export function splitPathRoot(
  text: string,
): { root: PathRoot; rest: string } | { root: null; problem: string } {
  if (text.startsWith('/')) return { root: 'absolute', rest: text };
  for (const [prefix, root] of [
    ['~', 'home'],
    [':home', 'home'],
    [':workspace', 'workspace'],
  ] as const) {
    if (text === prefix || text.startsWith(`${prefix}/`))
      return { root, rest: text.slice(prefix.length) };
  }
  if (text.startsWith('~'))
    return { root: null, problem: '~user paths are not supported; use ~/ for the home directory' };
  if (text.startsWith(':'))
    return { root: null, problem: 'unknown root; the roots are ~, :home and :workspace' };
  return {
    root: null,
    problem: 'the path is relative; start it with /, ~/, :home/ or :workspace/',
  };
}

/** Parses one entry of a filesystem rule's `paths`. */
export function parsePathPattern(text: string): PathPatternResult {
  if (text.includes('\u0000'))
    return { ok: false, message: 'a path cannot contain a NUL character' };
  const split = splitPathRoot(text);
  if (split.root === null) return { ok: false, message: split.problem };
  const segments: string[] = [];
  let doubleStars = 0;
  for (const segment of split.rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..')
      return {
        ok: false,
        message: '".." is not allowed in a path pattern; write the path it leads to',
      };
    if (segment.includes('**') && segment !== '**') {
      return {
        ok: false,
        message: '"**" must be a whole path segment (/a/**/b); use * within a segment',
      };
    }
    if (segment === '**') {
      // Consecutive `**` match exactly what one does.
      if (segments[segments.length - 1] === '**') continue;
      doubleStars++;
    }
    segments.push(segment);
  }
  if (doubleStars > MAX_DOUBLE_STARS) {
    return { ok: false, message: `a path pattern may use "**" at most ${MAX_DOUBLE_STARS} times` };
  }
  return { ok: true, pattern: { root: split.root, segments } };
}

export function formatPathPattern(pattern: PathPattern): string {
  const prefix = pattern.root === 'absolute' ? '' : pattern.root === 'home' ? '~' : ':workspace';
  if (pattern.segments.length === 0) return prefix === '' ? '/' : prefix;
  return `${prefix}/${pattern.segments.join('/')}`;
}
