import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from './resolve-client-address';

const proxies = ['10.0.0.0/8', '2001:db8:ffff::/48'];

describe('resolveClientAddress', () => {
  it.each([
    [
      'no proxy trusted: the socket, whatever the header says',
      [],
      '203.0.113.9',
      '6.6.6.6',
      '203.0.113.9',
    ],
    [
      'an untrusted peer: the socket, the header is ignored',
      proxies,
      '203.0.113.9',
      '6.6.6.6',
      '203.0.113.9',
    ],
    [
      'a trusted peer: the address it forwarded',
      proxies,
      '10.0.0.2',
      '198.51.100.7',
      '198.51.100.7',
    ],
    [
      'a chain: the rightmost address that is not a trusted proxy',
      proxies,
      '10.0.0.2',
      '6.6.6.6, 198.51.100.7, 10.1.1.1',
      '198.51.100.7',
    ],
    ['a trusted peer without the header: the peer', proxies, '10.0.0.2', undefined, '10.0.0.2'],
    ['a trusted peer with an empty header: the peer', proxies, '10.0.0.2', ' , ', '10.0.0.2'],
    [
      'an entry that is no address: the proxy that passed it on',
      proxies,
      '10.0.0.2',
      'forged, 10.0.0.3',
      '10.0.0.3',
    ],
    [
      'a dual-stack socket: the IPv4 address',
      proxies,
      '::ffff:10.0.0.2',
      '198.51.100.7',
      '198.51.100.7',
    ],
    ['an untrusted dual-stack socket, as IPv4', [], '::ffff:203.0.113.9', undefined, '203.0.113.9'],
    ['an IPv6 proxy', proxies, '2001:db8:ffff:1::1', '2001:db8:1::5', '2001:db8:1::5'],
    ['every hop trusted: the furthest one', proxies, '10.0.0.2', '10.9.9.9', '10.9.9.9'],
    ['no socket address', proxies, undefined, '198.51.100.7', undefined],
  ])('%s', (_name, trustedProxies, peer, forwardedFor, expected) => {
    expect(resolveClientAddress({ peer, forwardedFor, trustedProxies })).toBe(expected);
  });
});
