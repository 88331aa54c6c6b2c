import { isStrictAddress } from './parse-trusted-proxies';

/**
 * The client's address. The console's HTTP server (bootstrap/pin-forwarded-headers.ts) has
 * already replaced X-Forwarded-For with the one address it settled on, from the socket or from
 * a trusted proxy; the rightmost entry is read all the same, and anything that is not an IP
 * address counts as no address.
 */
export function readClientAddress(headers: Headers): string | undefined {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last && isStrictAddress(last) ? last : undefined;
}
