import { type IpAddress, parseIpv4, parseIpv6, unmapIpv4 } from './parse-ip-address';

export type NormalizedHost =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'address'; readonly address: IpAddress }
  | { readonly kind: 'invalid'; readonly reason: string };

const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const MAX_INPUT_LENGTH = 1024;

function invalid(reason: string): NormalizedHost {
  return { kind: 'invalid', reason };
}

function isLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * Checks a lower-case ASCII name label by label: letters, digits, `-` and `_` (underscores occur
 * in real service names), 1–63 characters, no hyphen at either end, 253 characters in all.
 * Returns an explanation when the name is not acceptable, or null.
 */
export function checkHostName(name: string): string | null {
  if (name.length === 0) return 'the host is empty';
  if (name.length > MAX_HOST_LENGTH) return 'the host is longer than 253 characters';
  let labelStart = 0;
  for (let index = 0; index <= name.length; index++) {
    const code = index < name.length ? name.charCodeAt(index) : 46;
    if (code === 46) {
      const length = index - labelStart;
      if (length === 0) return 'the host has an empty label';
      if (length > MAX_LABEL_LENGTH) return 'a label of the host is longer than 63 characters';
      if (name.charCodeAt(labelStart) === 45 || name.charCodeAt(index - 1) === 45) {
        return 'a label of the host starts or ends with a hyphen';
      }
      labelStart = index + 1;
      continue;
    }
    if (!isLetterOrDigit(code) && code !== 45 && code !== 95) {
      return `the host contains the character ${JSON.stringify(name[index])}`;
    }
  }
  return null;
}

// Character classes of the fast path, by ASCII code: anything else (including every
// non-ASCII character) sends the host to the slow path.
const OTHER = 0;
const PLAIN = 1;
const UPPER = 2;
const HYPHEN = 3;
const DOT = 4;
const HOST_CHARACTERS = new Uint8Array(128);
for (let code = 48; code <= 57; code++) HOST_CHARACTERS[code] = PLAIN;
for (let code = 97; code <= 122; code++) HOST_CHARACTERS[code] = PLAIN;
for (let code = 65; code <= 90; code++) HOST_CHARACTERS[code] = UPPER;
HOST_CHARACTERS[95] = PLAIN;
HOST_CHARACTERS[45] = HYPHEN;
HOST_CHARACTERS[46] = DOT;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/**
 * True when WHATWG URL host parsing would read a last label as a number (`123`, `0x7f`, `0x`),
 * which makes the whole host an IPv4 address to it.
 */
function isNumericLabel(input: string, start: number, end: number): boolean {
  const lead = input.charCodeAt(start);
  if (lead < 48 || lead > 57) return false;
  let digits = true;
  for (let index = start; index < end; index++) {
    const code = input.charCodeAt(index);
    if (code < 48 || code > 57) digits = false;
  }
  if (digits) return true;
  const first = input.charCodeAt(start);
  const second = input.charCodeAt(start + 1);
  if (first !== 48 || (second !== 120 && second !== 88)) return false;
  for (let index = start + 2; index < end; index++)
    if (!isHexDigit(input.charCodeAt(index))) return false;
  return true;
}

function startsWithAcePrefix(input: string, start: number): boolean {
  return (
    (input.charCodeAt(start) | 32) === 120 &&
    (input.charCodeAt(start + 1) | 32) === 110 &&
    input.charCodeAt(start + 2) === 45 &&
    input.charCodeAt(start + 3) === 45
  );
}

/**
 * The fast path, in one pass without allocation: a plain ASCII name (letters in any case,
 * digits, `-`, `_`, dots, at most one trailing dot) that URL parsing would only lower-case.
 * Names whose last label is numeric (URL reads them as IPv4) or that carry punycode (`xn--`,
 * which URL validates) return null and take the slow path through `URL`.
 */
function isAcceptableLabel(input: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0 || length > MAX_LABEL_LENGTH) return false;
  if (input.charCodeAt(start) === 45 || input.charCodeAt(end - 1) === 45) return false;
  return !(length >= 4 && input.charCodeAt(start + 2) === 45 && startsWithAcePrefix(input, start));
}

export function canonicalHostName(input: string): string | null {
  let end = input.length;
  if (end > 0 && input.charCodeAt(end - 1) === 46) end--;
  if (end === 0 || end > MAX_HOST_LENGTH) return null;
  let hasUpper = false;
  let labelStart = 0;
  for (let index = 0; index < end; index++) {
    const code = input.charCodeAt(index);
    const kind = code < 128 ? (HOST_CHARACTERS[code] as number) : OTHER;
    if (kind === PLAIN) continue;
    if (kind === DOT) {
      if (!isAcceptableLabel(input, labelStart, index)) return null;
      labelStart = index + 1;
    } else if (kind === UPPER) {
      hasUpper = true;
    } else if (kind !== HYPHEN) {
      return null;
    }
  }
  if (!isAcceptableLabel(input, labelStart, end) || isNumericLabel(input, labelStart, end))
    return null;
  const name = end === input.length ? input : input.slice(0, end);
  return hasUpper ? name.toLowerCase() : name;
}

function normalizeIpv6Literal(input: string): NormalizedHost {
  const bracketed = input.startsWith('[') && input.endsWith(']');
  const words = parseIpv6(bracketed ? input.slice(1, -1) : input);
  if (words === null) return invalid(`${JSON.stringify(input)} is not a valid IPv6 address`);
  const mapped = unmapIpv4(words);
  return {
    kind: 'address',
    address: mapped >= 0 ? { version: 4, value: mapped } : { version: 6, words },
  };
}

// ASCII characters other than letters, digits, `-`, `_` and `.` never belong in a host: they
// would either be rejected by URL or, worse, change what URL parses (`/`, `@`, `%`, `\`).
function hasForbiddenAscii(input: string): boolean {
  for (let index = 0; index < input.length; index++) {
    const code = input.charCodeAt(index);
    if (code >= 0x80) continue;
    if (
      isLetterOrDigit(code) ||
      (code >= 65 && code <= 90) ||
      code === 45 ||
      code === 46 ||
      code === 95
    )
      continue;
    return true;
  }
  return false;
}

function normalizeThroughUrl(input: string): NormalizedHost {
  if (hasForbiddenAscii(input)) {
    return invalid(`${JSON.stringify(input)} is not a valid host name or IP address`);
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${input}/`).hostname;
  } catch {
    return invalid(`${JSON.stringify(input)} is not a valid host name or IP address`);
  }
  if (hostname.startsWith('[')) return normalizeIpv6Literal(hostname);
  const ipv4 = parseIpv4(hostname);
  if (ipv4 >= 0) return { kind: 'address', address: { version: 4, value: ipv4 } };
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  const problem = checkHostName(name);
  if (problem !== null) return invalid(`${JSON.stringify(input)}: ${problem}`);
  return { kind: 'name', name };
}

/**
 * Normalises a host the way docs/policy-language.md § Network requires, for requests and rule
 * patterns alike: WHATWG URL host parsing (lower case, IDN to punycode A-labels, numeric IPv4
 * forms to the address they denote), one trailing dot stripped, IPv6 with or without brackets,
 * IPv4-mapped IPv6 as IPv4.
 * Anything that is not a valid host name or IP literal is reported as invalid.
 */
export function normalizeHost(input: string): NormalizedHost {
  if (input.length === 0) return invalid('the host is empty');
  if (input.length > MAX_INPUT_LENGTH) return invalid('the host is too long');
  // A canonical dotted quad reads the same under WHATWG rules, so it skips URL parsing.
  const dottedQuad = parseIpv4(input);
  if (dottedQuad >= 0) return { kind: 'address', address: { version: 4, value: dottedQuad } };
  const plain = canonicalHostName(input);
  if (plain !== null) return { kind: 'name', name: plain };
  if (input.includes(':')) return normalizeIpv6Literal(input);
  if (input.includes('[') || input.includes(']')) {
    return invalid(`${JSON.stringify(input)} is not a valid host name or IP address`);
  }
  return normalizeThroughUrl(input);
}
