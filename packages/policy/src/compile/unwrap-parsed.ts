/**
 * The compiler re-parses entries the schema has already validated with the same parsers, so a
 * failure here is a bug in the engine, not in the policy: it is thrown, and `compilePolicy`
 * refuses to produce a policy it cannot trust.
 */
export function unwrapParsed<R extends { readonly ok: boolean }>(
  result: R,
  what: string,
): Extract<R, { ok: true }> {
  if (!result.ok) {
    const message = (result as { message?: string }).message ?? 'unknown problem';
    throw new Error(`internal error: a validated ${what} did not parse: ${message}`);
  }
  return result as Extract<R, { ok: true }>;
}
