import type { IpAddress } from './parse-ip-address';

export const LOOPBACK_IPV4: IpAddress = { version: 4, value: 0x7f000001 };
export const LOOPBACK_IPV6: IpAddress = { version: 6, words: [0, 0, 0, 1] };

/** Loopback is `127.0.0.0/8` and `::1`. */
export function isLoopbackAddress(address: IpAddress): boolean {
  if (address.version === 4) return address.value >>> 24 === 127;
  const [a, b, c, d] = address.words;
  return a === 0 && b === 0 && c === 0 && d === 1;
}

/**
 * `0.0.0.0` and `::` are not loopback on paper, but connecting to them reaches the local machine
 * on Linux and macOS ("0.0.0.0 day"), so deny rules treat them as loopback.
 */
export function isUnspecifiedAddress(address: IpAddress): boolean {
  if (address.version === 4) return address.value === 0;
  const [a, b, c, d] = address.words;
  return a === 0 && b === 0 && c === 0 && d === 0;
}

export function sameAddress(left: IpAddress, right: IpAddress): boolean {
  if (left.version === 4) return right.version === 4 && left.value === right.value;
  if (right.version !== 6) return false;
  const [a, b, c, d] = left.words;
  return (
    a === right.words[0] && b === right.words[1] && c === right.words[2] && d === right.words[3]
  );
}
