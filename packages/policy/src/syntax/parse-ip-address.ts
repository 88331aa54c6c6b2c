// IP literals as the engine compares them: an IPv4 address is one unsigned 32-bit number and an
// IPv6 address is four of them, most significant first. Plain numbers keep matching cheap and
// let the address tries walk bits without allocating.

export type Ipv6Words = readonly [number, number, number, number];

export type IpAddress =
  | { readonly version: 4; readonly value: number }
  | { readonly version: 6; readonly words: Ipv6Words };

/**
 * Parses a strict dotted-quad IPv4 address (`10.0.0.1`): four decimal parts of 0–255 without
 * leading zeros. The lenient WHATWG forms (`127.1`, `0x7f000001`) are handled by host
 * normalisation; CIDRs and embedded IPv4 in IPv6 accept only this unambiguous spelling.
 * Returns the address as an unsigned number, or -1.
 */
export function parseIpv4(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 46;
    if (code === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
      continue;
    }
    if (code < 48 || code > 57) return -1;
    // A leading zero would be octal to some parsers and decimal to others: refuse to guess.
    if (digits === 1 && part === 0) return -1;
    part = part * 10 + (code - 48);
    digits++;
    if (digits > 3) return -1;
  }
  return parts === 4 ? value : -1;
}

function parseHexGroup(text: string): number {
  if (text.length === 0 || text.length > 4) return -1;
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (code >= 97 && code <= 102) digit = code - 87;
    else if (code >= 65 && code <= 70) digit = code - 55;
    else return -1;
    value = value * 16 + digit;
  }
  return value;
}

function parseGroups(text: string, allowTrailingIpv4: boolean): number[] | null {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] ?? '';
    if (allowTrailingIpv4 && index === pieces.length - 1 && piece.includes('.')) {
      const ipv4 = parseIpv4(piece);
      if (ipv4 < 0) return null;
      groups.push(Math.floor(ipv4 / 65536), ipv4 % 65536);
      continue;
    }
    const group = parseHexGroup(piece);
    if (group < 0) return null;
    groups.push(group);
  }
  return groups;
}

/**
 * Parses an unbracketed IPv6 address as RFC 4291 writes it (one `::` at most, an optional
 * trailing dotted IPv4). Zone identifiers (`fe80::1%eth0`) are refused: they name an interface,
 * not an address, and policy cannot reason about them. Returns four 32-bit words, or null.
 */
export function parseIpv6(text: string): Ipv6Words | null {
  if (text.length < 2 || text.length > 45) return null;
  const gap = text.indexOf('::');
  let groups: number[];
  if (gap === -1) {
    const all = parseGroups(text, true);
    if (all === null || all.length !== 8) return null;
    groups = all;
  } else {
    if (text.indexOf('::', gap + 1) !== -1) return null;
    const head = parseGroups(text.slice(0, gap), false);
    const tail = parseGroups(text.slice(gap + 2), true);
    if (head === null || tail === null || head.length + tail.length > 7) return null;
    const zeros = new Array<number>(8 - head.length - tail.length).fill(0);
    groups = [...head, ...zeros, ...tail];
  }
  const word = (high: number) => ((groups[high] ?? 0) * 65536 + (groups[high + 1] ?? 0)) >>> 0;
  return [word(0), word(2), word(4), word(6)];
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is that IPv4 address; -1 otherwise. */
export function unmapIpv4(words: Ipv6Words): number {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff ? words[3] : -1;
}

/**
 * Parses an IP literal in any spelling the engine accepts from a request's `ip` field or a
 * CIDR: dotted-quad IPv4, or IPv6 bracketed or not. IPv4-mapped IPv6 becomes the IPv4 address.
 */
export function parseIpAddress(text: string): IpAddress | null {
  if (text.includes(':')) {
    const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
    const words = parseIpv6(inner);
    if (words === null) return null;
    const mapped = unmapIpv4(words);
    return mapped >= 0 ? { version: 4, value: mapped } : { version: 6, words };
  }
  const value = parseIpv4(text);
  return value >= 0 ? { version: 4, value } : null;
}
