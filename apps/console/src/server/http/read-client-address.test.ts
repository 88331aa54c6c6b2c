import { describe, expect, it } from 'vitest';
import { readClientAddress } from './read-client-address';

describe('readClientAddress', () => {
  it.each([
    ['no header', undefined, undefined],
    ['one address', '192.0.2.1', '192.0.2.1'],
    ['a chain: the entry added last wins', '6.6.6.6, 10.0.0.1 , 192.0.2.7', '192.0.2.7'],
    ['an empty header', '', undefined],
    ['an IPv6 address', '2001:db8::1', '2001:db8::1'],
    ['something that is not an address', 'unknown', undefined],
    ['a forged, oversized value', 'x'.repeat(500), undefined],
  ])('%s', (_name, header, expected) => {
    const headers = new Headers(header === undefined ? {} : { 'x-forwarded-for': header });
    expect(readClientAddress(headers)).toBe(expected);
  });
});
