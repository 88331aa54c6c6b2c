/**
 * The client's address. `scripts/serve.ts` overwrites X-Forwarded-For with the socket's address
 * unless PARAPET_TRUST_PROXY is set, in which case the proxy in front appended the client's
 * address last; either way the rightmost entry is the one a client cannot forge.
 */
export function readClientAddress(headers: Headers): string | undefined {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last ? last.slice(0, 64) : undefined;
}
