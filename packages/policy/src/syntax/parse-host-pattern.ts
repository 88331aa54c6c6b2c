import { formatIpAddress } from './format-ip-address';
import { normalizeHost } from './normalize-host';
import type { IpAddress } from './parse-ip-address';

export type HostPattern =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'one'; readonly suffix: string }
  | { readonly kind: 'many'; readonly suffix: string }
  | { readonly kind: 'loopback' }
  | { readonly kind: 'address'; readonly address: IpAddress };

/**
 * Where a pattern is written decides what it may be: a deny rule's `hosts` may be broad (`*`,
 * `*.com`); an allow rule's `hosts` and a credential's `destinations` grant something, so their
 * wildcards need a suffix of two labels; an `except` never takes a bare `*`.
 */
export type HostPatternPlace = 'allow' | 'deny' | 'except' | 'destination';

export type HostPatternResult =
  | { readonly ok: true; readonly pattern: HostPattern }
  | { readonly ok: false; readonly message: string };

const LOOPBACK_NAMES = new Set(['localhost']);

function fail(message: string): HostPatternResult {
  return { ok: false, message };
}

function isLoopbackAlias(address: IpAddress): boolean {
  if (address.version === 4) return address.value === 0x7f000001;
  const [a, b, c, d] = address.words;
  return a === 0 && b === 0 && c === 0 && d === 1;
}

function parseWildcard(text: string, place: HostPatternPlace): HostPatternResult {
  const many = text.startsWith('**.');
  const suffixText = text.slice(many ? 3 : 2);
  if (suffixText.includes('*')) {
    return fail('a wildcard may only be the whole leftmost label (*.example.com, **.example.com)');
  }
  const suffix = normalizeHost(suffixText);
  if (suffix.kind === 'invalid')
    return fail(`the part after the wildcard is invalid: ${suffix.reason}`);
  if (suffix.kind === 'address')
    return fail('a wildcard must be followed by a domain name, not an IP address');
  const labels = suffix.name.split('.').length;
  if ((place === 'allow' || place === 'destination') && labels < 2) {
    return fail(
      `${JSON.stringify(text)} would match a whole top-level domain; the part after the wildcard needs at least two labels (e.g. *.example.com)`,
    );
  }
  return {
    ok: true,
    pattern: many ? { kind: 'many', suffix: suffix.name } : { kind: 'one', suffix: suffix.name },
  };
}

/** Parses and normalises one entry of `hosts`, `except` or `destinations`. */
export function parseHostPattern(text: string, place: HostPatternPlace): HostPatternResult {
  if (text === '*') {
    if (place === 'deny') return { ok: true, pattern: { kind: 'any' } };
    return fail(
      place === 'except'
        ? 'a bare * cannot be an exception: it would cancel the whole rule'
        : "a bare * is only accepted in a deny rule's hosts; name the hosts to allow",
    );
  }
  if (text.startsWith('*.') || text.startsWith('**.')) return parseWildcard(text, place);
  if (text.includes('*')) {
    return fail('a wildcard may only be the whole leftmost label (*.example.com, **.example.com)');
  }
  if (text.includes('/')) return fail('a CIDR belongs in cidrs, not hosts');
  const host = normalizeHost(text);
  if (host.kind === 'invalid') return fail(host.reason);
  if (host.kind === 'address') {
    return { ok: true, pattern: isLoopbackAlias(host.address) ? { kind: 'loopback' } : host };
  }
  if (LOOPBACK_NAMES.has(host.name)) return { ok: true, pattern: { kind: 'loopback' } };
  return { ok: true, pattern: { kind: 'exact', name: host.name } };
}

/** The canonical spelling of a parsed pattern, as it appears in the effective policy. */
export function formatHostPattern(pattern: HostPattern): string {
  switch (pattern.kind) {
    case 'any':
      return '*';
    case 'exact':
      return pattern.name;
    case 'one':
      return `*.${pattern.suffix}`;
    case 'many':
      return `**.${pattern.suffix}`;
    case 'loopback':
      return 'localhost';
    case 'address':
      return formatIpAddress(pattern.address);
  }
}
