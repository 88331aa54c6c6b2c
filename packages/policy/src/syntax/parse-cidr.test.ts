import { describe, expect, it } from 'vitest';
import { formatIpv6 } from './format-ip-address';
import { parseCidr } from './parse-cidr';
import { parseIpAddress, parseIpv4, parseIpv6 } from './parse-ip-address';

describe('parseIpv4 (strict dotted quad)', () => {
  it.each([
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['10.1.2.3', 0x0a010203],
    ['010.1.2.3', -1],
    ['1.2.3', -1],
    ['1.2.3.4.5', -1],
    ['1.2.3.256', -1],
    ['1..2.3', -1],
    ['a.b.c.d', -1],
    ['', -1],
  ])('%s → %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });
});

describe('parseIpv6', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::', '2001:db8::'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['12345::', null],
    ['::1.2.3.4.5', null],
    ['1.2.3.4::', null],
    [':1', null],
    ['fe80::1%eth0', null],
  ])('%s → %s', (text, canonical) => {
    const words = parseIpv6(text);
    expect(words === null ? null : formatIpv6(words)).toBe(canonical);
  });

  it('reads IPv4-mapped IPv6 as IPv4', () => {
    expect(parseIpAddress('::ffff:10.0.0.1')).toEqual({ version: 4, value: 0x0a000001 });
    expect(parseIpAddress('[::ffff:a00:1]')).toEqual({ version: 4, value: 0x0a000001 });
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', 1],
    ['10.0.0.1', '10.0.0.1/32', 1],
    ['0.0.0.0/0', '0.0.0.0/0', 1],
    ['fd00:ec2::254/128', 'fd00:ec2::254/128', 1],
    ['fd00::/8', 'fd00::/8', 1],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8', 1],
    ['::/0', '::/0', 2],
    ['::/80', '::/80', 2],
  ])('%s is %s', (text, canonical, blocks) => {
    const result = parseCidr(text);
    expect(result.ok && [result.canonical, result.blocks.length]).toEqual([canonical, blocks]);
  });

  it.each([
    '10.0.0.1/8',
    '10.0.0.0/33',
    '10.0.0.0/08',
    '10.0.0.0/',
    '1.2.3/24',
    'fd00::1/8',
    'fd00::/129',
    'example.com/32',
    '[::1]/128',
  ])('%s is refused', (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });

  it('suggests the network address when host bits are set', () => {
    expect(parseCidr('192.168.1.1/24')).toEqual({
      ok: false,
      message: expect.stringContaining('192.168.1.0/24'),
    });
  });
});
