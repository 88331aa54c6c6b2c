import { formatIpv4, formatIpv6 } from './format-ip-address';
import { type Ipv6Words, parseIpv4, parseIpv6 } from './parse-ip-address';

/** One address block: `bits` holds the network address (IPv4 in `bits[0]`), `length` its prefix. */
export type AddressBlock =
  | { readonly version: 4; readonly value: number; readonly length: number }
  | { readonly version: 6; readonly words: Ipv6Words; readonly length: number };

export type CidrResult =
  | { readonly ok: true; readonly blocks: readonly AddressBlock[]; readonly canonical: string }
  | { readonly ok: false; readonly message: string };

const MAPPED_PREFIX: Ipv6Words = [0, 0, 0xffff, 0];

function parseLength(text: string, max: number): number {
  if (!/^(?:0|[1-9]\d{0,2})$/.test(text)) return -1;
  const length = Number(text);
  return length <= max ? length : -1;
}

function maskWord(word: number, bitsInWord: number): number {
  if (bitsInWord <= 0) return 0;
  if (bitsInWord >= 32) return word >>> 0;
  return (word & (0xffffffff << (32 - bitsInWord))) >>> 0;
}

function maskWords(words: Ipv6Words, length: number): Ipv6Words {
  return [
    maskWord(words[0], length),
    maskWord(words[1], length - 32),
    maskWord(words[2], length - 64),
    maskWord(words[3], length - 96),
  ];
}

function sameWords(left: Ipv6Words, right: Ipv6Words): boolean {
  return (
    left[0] === right[0] && left[1] === right[1] && left[2] === right[2] && left[3] === right[3]
  );
}

/**
 * IPv4-mapped IPv6 requests are evaluated as IPv4, so an IPv6 block that covers mapped addresses
 * must be checked as IPv4 too: `::ffff:10.0.0.0/104` is `10.0.0.0/8`, and `::/0` also covers all
 * of IPv4. Without this, an IPv6 deny could be sidestepped by writing the address as IPv4.
 */
function ipv6Blocks(words: Ipv6Words, length: number): AddressBlock[] {
  if (length >= 96 && sameWords(maskWords(words, 96), MAPPED_PREFIX)) {
    return [{ version: 4, value: words[3], length: length - 96 }];
  }
  const blocks: AddressBlock[] = [{ version: 6, words, length }];
  if (length < 96 && sameWords(maskWords(MAPPED_PREFIX, length), words)) {
    blocks.push({ version: 4, value: 0, length: 0 });
  }
  return blocks;
}

/**
 * Parses an entry of `cidrs` (or an address entry of `except`): `10.0.0.0/8`, `fd00::/8`, or a
 * single address. Host bits set below the prefix (`10.0.0.1/8`) are refused rather than silently
 * masked, because the author's intent is ambiguous and a wider block than meant would be granted.
 */
export function parseCidr(text: string): CidrResult {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const lengthText = slash === -1 ? null : text.slice(slash + 1);
  if (addressText.includes(':')) {
    const words = parseIpv6(addressText);
    if (words === null)
      return { ok: false, message: `${JSON.stringify(addressText)} is not a valid IPv6 address` };
    const length = lengthText === null ? 128 : parseLength(lengthText, 128);
    if (length < 0)
      return { ok: false, message: 'the prefix length of an IPv6 CIDR must be 0–128' };
    if (!sameWords(maskWords(words, length), words)) {
      return {
        ok: false,
        message: `host bits are set below the /${length} prefix; did you mean ${formatIpv6(maskWords(words, length))}/${length}?`,
      };
    }
    const blocks = ipv6Blocks(words, length);
    const [only] = blocks;
    // An IPv4-mapped block is evaluated as IPv4, so it is written as IPv4 in the effective policy.
    const canonical =
      blocks.length === 1 && only?.version === 4
        ? `${formatIpv4(only.value)}/${only.length}`
        : `${formatIpv6(words)}/${length}`;
    return { ok: true, blocks, canonical };
  }
  const value = parseIpv4(addressText);
  if (value < 0) {
    return {
      ok: false,
      message: `${JSON.stringify(addressText)} is not an IPv4 address in dotted-quad form without leading zeros`,
    };
  }
  const length = lengthText === null ? 32 : parseLength(lengthText, 32);
  if (length < 0) return { ok: false, message: 'the prefix length of an IPv4 CIDR must be 0–32' };
  const masked = maskWord(value, length);
  if (masked !== value) {
    return {
      ok: false,
      message: `host bits are set below the /${length} prefix; did you mean ${formatIpv4(masked)}/${length}?`,
    };
  }
  return {
    ok: true,
    blocks: [{ version: 4, value, length }],
    canonical: `${formatIpv4(value)}/${length}`,
  };
}
