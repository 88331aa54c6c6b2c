import { describe, expect, it } from 'vitest';
import { decider, type Expected, project } from '../testing/decide';

// docs/policy-language.md § Network: anything that is not a valid hostname or IP literal is
// invalid → deny, and the request itself must be well formed.

type Row = readonly [what: string, request: Record<string, unknown>, expected: Expected];

function table(name: string, decide: ReturnType<typeof decider>, rows: readonly Row[]) {
  describe(name, () => {
    it.each(rows)('%s', (_what, request, expected) => {
      expect(project(decide({ surface: 'network', ...request }), expected)).toEqual(expected);
    });
  });
}

const allow = (id: string, fields: Record<string, unknown>) => ({ id, action: 'allow', ...fields });
const network = (...rules: object[]) => ({ network: { rules } });

table(
  'invalid requests are denied with a reason',
  decider({ baseline: network(allow('all', { hosts: ['**.example.com', 'example.com'] })) }),
  [
    ['a valid one, for contrast', { host: 'example.com', port: 443 }, ['allow', 'all']],
    ['no host and no ip', {}, 'invalid'],
    ['an empty host', { host: '' }, 'invalid'],
    ['a space', { host: 'exa mple.com' }, 'invalid'],
    ['an empty label', { host: 'a..example.com' }, 'invalid'],
    ['a leading dot', { host: '.example.com' }, 'invalid'],
    ['a label starting with a hyphen', { host: '-x.example.com' }, 'invalid'],
    ['a wildcard as a host', { host: '*.example.com' }, 'invalid'],
    ['a port inside the host', { host: 'example.com:443' }, 'invalid'],
    ['a path inside the host', { host: 'evil.test/x.example.com' }, 'invalid'],
    ['userinfo inside the host', { host: 'example.com@evil.test' }, 'invalid'],
    ['a percent escape', { host: 'ex%61mple.com' }, 'invalid'],
    ['a numeric last label that is no IPv4', { host: 'example.123' }, 'invalid'],
    ['an out-of-range IPv4', { host: '256.1.1.1' }, 'invalid'],
    ['invalid punycode', { host: 'xn--zz.example.com' }, 'invalid'],
    ['an IPv6 zone', { host: 'fe80::1%eth0' }, 'invalid'],
    ['port 0', { host: 'example.com', port: 0 }, 'invalid'],
    ['port 65536', { host: 'example.com', port: 65536 }, 'invalid'],
    ['a fractional port', { host: 'example.com', port: 1.5 }, 'invalid'],
    ['a port as text', { host: 'example.com', port: '443' }, 'invalid'],
    ['a bad ip', { host: 'example.com', ip: '1.2.3' }, 'invalid'],
    ['an IP host that differs from ip', { host: '10.0.0.1', ip: '10.0.0.2' }, 'invalid'],
    ['an unknown field', { host: 'example.com', protocol: 'tcp' }, 'invalid'],
    ['a host that is not a string', { host: 42 }, 'invalid'],
  ],
);

describe('underscores, which real DNS names carry, are accepted', () => {
  const decide = decider({
    baseline: network(
      allow('svc', { hosts: ['_service._tcp.example.com', 'my_host.example.com'] }),
    ),
  });
  it.each(['_service._tcp.example.com', 'MY_HOST.example.com.'])('%s', (host) => {
    expect(decide({ surface: 'network', host })).toMatchObject({
      decision: 'allow',
      ruleId: 'svc',
    });
  });
});
