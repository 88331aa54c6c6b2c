import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpAddress } from './format-ip-address';
import { canonicalHostName, type NormalizedHost, normalizeHost } from './normalize-host';

function show(host: NormalizedHost): string {
  if (host.kind === 'name') return host.name;
  if (host.kind === 'address') return `ip:${formatIpAddress(host.address)}`;
  return 'invalid';
}

describe('normalizeHost', () => {
  it.each([
    ['example.com', 'example.com'],
    ['EXAMPLE.com.', 'example.com'],
    ['example.com..', 'invalid'],
    ['.', 'invalid'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['XN--BCHER-KVA.example', 'xn--bcher-kva.example'],
    ['ß.de', 'xn--zca.de'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['a\u00adb.com', 'ab.com'],
    ['xn--zz.com', 'invalid'],
    ['127.1', 'ip:127.0.0.1'],
    ['0x7f000001', 'ip:127.0.0.1'],
    ['0177.0.0.1', 'ip:127.0.0.1'],
    ['1.2.3.4.', 'ip:1.2.3.4'],
    ['１２７.０.０.１', 'ip:127.0.0.1'],
    ['256.0.0.1', 'invalid'],
    ['foo.123', 'invalid'],
    ['foo.0x1', 'invalid'],
    ['123.foo', '123.foo'],
    ['[::1]', 'ip:::1'],
    ['::1', 'ip:::1'],
    ['[::ffff:127.0.0.1]', 'ip:127.0.0.1'],
    ['::ffff:7f00:1', 'ip:127.0.0.1'],
    ['[2001:DB8::1]', 'ip:2001:db8::1'],
    ['[::1', 'invalid'],
    ['fe80::1%eth0', 'invalid'],
    ['_acme-challenge.example.com', '_acme-challenge.example.com'],
    ['-a.example.com', 'invalid'],
    ['a-.example.com', 'invalid'],
    ['a b.com', 'invalid'],
    ['a/b.com', 'invalid'],
    ['a@b.com', 'invalid'],
    ['a%2eb.com', 'invalid'],
    ['a\\b.com', 'invalid'],
    ['a*b.com', 'invalid'],
    ['a:80', 'invalid'],
    ['a\u2100c.com', 'invalid'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
    [`${'a'.repeat(64)}.com`, 'invalid'],
    [`${'a.'.repeat(127)}a`, 'invalid'],
  ])('%s → %s', (input, expected) => {
    expect(show(normalizeHost(input))).toBe(expected);
  });

  const hostish = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.'.split('')), maxLength: 24 });

  it('takes the fast path only where URL parsing would agree', () => {
    fc.assert(
      fc.property(hostish, (input) => {
        const fast = canonicalHostName(input);
        if (fast === null) return;
        const hostname = new URL(`http://${input}/`).hostname;
        expect(fast).toBe(hostname.endsWith('.') ? hostname.slice(0, -1) : hostname);
      }),
      { numRuns: 5000 },
    );
  });

  it('is unchanged by ASCII case and one trailing dot', () => {
    const unicodeish = fc.string({
      unit: fc.constantFrom(...'abcXYZ019-_.üßÅ'.split('')),
      maxLength: 24,
    });
    fc.assert(
      fc.property(
        unicodeish,
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        (input, flips) => {
          const flipped = [...input]
            .map((char, index) =>
              flips[index] && /[a-z]/i.test(char)
                ? char === char.toLowerCase()
                  ? char.toUpperCase()
                  : char.toLowerCase()
                : char,
            )
            .join('');
          const base = show(normalizeHost(input));
          expect(show(normalizeHost(flipped))).toBe(base);
          if (!input.endsWith('.') && base !== 'invalid')
            expect(show(normalizeHost(`${input}.`))).toBe(base);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
