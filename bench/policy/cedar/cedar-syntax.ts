import type { RuleOrigin } from '../types';

// Cedar string literals accept the JSON escapes for quote and backslash; the generator only
// produces printable ASCII, which this checks so a surprise cannot silently change a policy.
export function cedarString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`not printable ASCII: ${value}`);
  return JSON.stringify(value);
}

// A `like` pattern: `*` is the wildcard, so literal text has its `*` escaped, and a wildcard
// may be put before and after it.
export function cedarLike({
  literal,
  head = false,
  tail = false,
}: {
  literal: string;
  head?: boolean;
  tail?: boolean;
}): string {
  const body = cedarString(literal).slice(1, -1).replaceAll('*', '\\*');
  return `"${head ? '*' : ''}${body}${tail ? '*' : ''}"`;
}

// A glob where every `*` is a wildcard (Parapet tool patterns have exactly these semantics).
export function cedarGlob(pattern: string): string {
  return cedarString(pattern);
}

export function principalScope(origin: RuleOrigin): string {
  return origin.layer === 'group'
    ? `principal in Group::${cedarString(origin.group ?? '')}`
    : 'principal';
}

export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 1 ? (conditions[0] ?? 'false') : `(${conditions.join(' || ')})`;
}
