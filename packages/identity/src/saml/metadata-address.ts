import { BlockList, isIP } from 'node:net';

// Addresses the console never fetches metadata from: link-local (where cloud metadata services
// answer, 169.254.169.254 and fd00:ec2::254 among them), unspecified and multicast.
const refused = new BlockList();
refused.addSubnet('169.254.0.0', 16, 'ipv4');
refused.addSubnet('0.0.0.0', 8, 'ipv4');
refused.addSubnet('224.0.0.0', 4, 'ipv4');
refused.addSubnet('100.100.100.200', 32, 'ipv4');
refused.addSubnet('fe80::', 10, 'ipv6');
refused.addSubnet('ff00::', 8, 'ipv6');
refused.addAddress('::', 'ipv6');
refused.addAddress('fd00:ec2::254', 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Why an address may not be fetched from, or null when it may. */
export function refusedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'an invalid address';
  const plain = address.replace(/^::ffff:/i, '');
  const type = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
  return refused.check(plain, type)
    ? `a link-local, metadata or reserved address (${address})`
    : null;
}

/** A host written as a loopback address or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

/** A loopback address (IPv4-mapped IPv6 included). */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  const family = isIP(plain);
  if (family === 0) return false;
  return loopback.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}
