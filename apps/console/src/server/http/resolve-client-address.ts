import ipaddr from 'ipaddr.js';
import { isStrictAddress } from './parse-trusted-proxies';

/**
 * The client's address for one connection. The socket's peer is the client unless it is one of
 * the trusted proxies; then X-Forwarded-For is read from the right (each proxy appends the
 * address it received the request from), skipping the trusted proxies, and the first address
 * that is not one of them is the client. Everything to the left of it was written by the client
 * and is worth nothing. An entry that is not an address ends the walk at the proxy that passed
 * it on. A dual-stack socket's `::ffff:a.b.c.d` is the IPv4 address.
 */
export function resolveClientAddress({
  peer,
  forwardedFor,
  trustedProxies,
}: {
  peer: string | undefined;
  forwardedFor: string | undefined;
  trustedProxies: string[];
}): string | undefined {
  if (!peer || !isStrictAddress(peer)) return undefined;
  const ranges = trustedProxies.map(toRange);
  let client = canonical(peer);
  if (!isTrusted(client, ranges)) return client;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  for (const hop of hops.reverse()) {
    if (!isStrictAddress(hop)) return client;
    client = canonical(hop);
    if (!isTrusted(client, ranges)) return client;
  }
  return client;
}

/** Whether the address is one of the trusted proxies. */
export function isTrustedProxy({
  address,
  trustedProxies,
}: {
  address: string;
  trustedProxies: string[];
}): boolean {
  if (!isStrictAddress(address)) return false;
  return isTrusted(canonical(address), trustedProxies.map(toRange));
}

/** A CIDR, or a bare address as a one-host range. */
function toRange(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (cidr.includes('/')) return ipaddr.parseCIDR(cidr);
  const address = ipaddr.parse(cidr);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function canonical(address: string): string {
  return ipaddr.process(address).toString();
}

function isTrusted(address: string, ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][]): boolean {
  const parsed = ipaddr.parse(address);
  return ranges.some(
    ([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits),
  );
}
