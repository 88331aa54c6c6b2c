import { describe, expect, it } from 'vitest';
import { checkAddress } from './check-address';
import { parseDestinationNetworkPolicy } from './destination-network-policy';

const defaults = parseDestinationNetworkPolicy({});
const insecure = parseDestinationNetworkPolicy({ PARAPET_EXPORT_ALLOW_INSECURE: 'true' });
const allowList = parseDestinationNetworkPolicy({
  PARAPET_EXPORT_ALLOWED_NETWORKS: '10.0.0.0/8, 169.254.10.0/24 0.0.0.0/0',
});
const denyList = parseDestinationNetworkPolicy({
  PARAPET_EXPORT_DENIED_NETWORKS: '192.168.0.0/16',
});

// [address, policy, plain, refused?]
const rows: [string, ReturnType<typeof parseDestinationNetworkPolicy>, boolean, boolean][] = [
  ['203.0.113.7', defaults, false, false],
  ['127.0.0.1', defaults, true, false],
  ['::1', defaults, true, false],
  ['203.0.113.7', defaults, true, true],
  ['203.0.113.7', insecure, true, false],
  ['169.254.169.254', defaults, false, true],
  ['169.254.169.254', insecure, false, true],
  ['::ffff:169.254.169.254', defaults, false, true],
  ['::ffff:a9fe:a9fe', defaults, false, true],
  ['64:ff9b::a9fe:a9fe', defaults, false, true],
  ['fe80::1', defaults, false, true],
  ['fd00:ec2::254', defaults, false, true],
  ['100.100.100.200', defaults, false, true],
  ['0.0.0.0', defaults, false, true],
  ['::', defaults, false, true],
  ['10.1.2.3', allowList, false, false],
  // 0.0.0.0/0 allows everything ordinary but does not lift the built-in refusals…
  ['169.254.169.254', allowList, false, true],
  // …while a network inside the link-local range, named on purpose, does.
  ['169.254.10.5', allowList, false, false],
  ['192.168.1.1', denyList, false, true],
  ['192.169.1.1', denyList, false, false],
  ['not-an-ip', defaults, false, true],
];

describe('checkAddress', () => {
  it.each(rows)('%s (plain: %s) refused: %s', (text, policy, plain, refused) => {
    expect(checkAddress({ text, policy, plain }) !== null).toBe(refused);
  });

  it('says why, naming the setting to change', () => {
    expect(checkAddress({ text: '203.0.113.7', policy: defaults, plain: true })).toContain(
      'PARAPET_EXPORT_ALLOW_INSECURE',
    );
    expect(
      checkAddress({
        text: '172.16.0.1',
        policy: parseDestinationNetworkPolicy({ PARAPET_EXPORT_ALLOWED_NETWORKS: '10.0.0.0/8' }),
        plain: false,
      }),
    ).toContain('PARAPET_EXPORT_ALLOWED_NETWORKS');
  });
});

describe('parseDestinationNetworkPolicy', () => {
  it('defaults to no allow list, no extra denials, no insecure transports', () => {
    expect(defaults).toEqual({ allowedNetworks: null, deniedNetworks: [], allowInsecure: false });
  });

  it.each([
    [{ PARAPET_EXPORT_ALLOWED_NETWORKS: '10.0.0.0/33' }, 'PARAPET_EXPORT_ALLOWED_NETWORKS'],
    [{ PARAPET_EXPORT_DENIED_NETWORKS: 'example.com' }, 'PARAPET_EXPORT_DENIED_NETWORKS'],
    [{ PARAPET_EXPORT_ALLOW_INSECURE: 'yes' }, 'PARAPET_EXPORT_ALLOW_INSECURE'],
  ])('refuses %o with a message naming the variable', (env, name) => {
    expect(() => parseDestinationNetworkPolicy(env)).toThrow(name);
  });
});
