import ipaddr from 'ipaddr.js';

/**
 * Reads PARAPET_TRUSTED_PROXIES: addresses and CIDRs separated by commas or spaces. Returns
 * them as canonical CIDRs (a bare address is one host: /32 or /128; an IPv4 range written as
 * IPv6, `::ffff:a.b.c.d/n`, is the IPv4 range), or the entries it could not read.
 */
export function parseTrustedProxies(
  text: string,
): { ok: true; cidrs: string[] } | { ok: false; invalid: string[] } {
  const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
  const cidrs: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const cidr = toCidr(entry);
    if (cidr) cidrs.push(cidr);
    else invalid.push(entry);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, cidrs };
}

function toCidr(entry: string): string | undefined {
  const [text = '', bitsText, ...rest] = entry.split('/');
  if (rest.length > 0 || !isStrictAddress(text)) return undefined;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const address = ipaddr.parse(text);
  const maxBits = address.kind() === 'ipv4' ? 32 : 128;
  const bits = bitsText === undefined ? maxBits : Number(bitsText);
  if (bits > maxBits) return undefined;
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    if (bits < 96) return undefined;
    return `${(address as ipaddr.IPv6).toIPv4Address().toString()}/${bits - 96}`;
  }
  return `${address.toString()}/${bits}`;
}

/** Only the usual notations: ipaddr.js would also take `10.1` or `0x7f.1` as IPv4 addresses. */
export function isStrictAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}
