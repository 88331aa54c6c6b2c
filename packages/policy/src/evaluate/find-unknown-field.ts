/** Returns a reason naming the first field of `value` not in `known`, or null. */
export function findUnknownField(
  value: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
): string | null {
  for (const key in value) {
    if (!known.has(key)) return `unknown field ${JSON.stringify(key)}`;
  }
  return null;
}
