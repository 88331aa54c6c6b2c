import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BundleFormatError } from './bundle-format-error';
import { canonicalJson } from './canonical-json';

// The RFC 8785 vectors are the reference implementation's own test data, copied byte for byte
// from github.com/cyberphone/json-canonicalization (testdata/, see testing/rfc8785-vectors).
const vectors = new URL('./testing/rfc8785-vectors/', import.meta.url);
const readVector = (name: string) => readFileSync(new URL(name, vectors));

function doubleFromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson', () => {
  it.each(['arrays', 'french', 'structures', 'unicode', 'values', 'weird'])(
    'writes the RFC 8785 test vector %s byte for byte',
    (name) => {
      const input = JSON.parse(readVector(`${name}.input.txt`).toString('utf8'));
      const output = readVector(`${name}.output.txt`);
      const hex = readVector(`${name}.outhex.txt`).toString('utf8').replace(/\s+/g, '');
      const written = Buffer.from(canonicalJson(input), 'utf8');
      expect(written.equals(output)).toBe(true);
      expect(written.toString('hex')).toBe(hex);
    },
  );

  // RFC 8785 Appendix B: IEEE 754 bit patterns and the one text each must be written as.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double with bits %s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(doubleFromBits(bits))).toBe(expected);
    expect(canonicalJson([doubleFromBits(bits)])).toBe(`[${expected}]`);
  });

  it('sorts members by UTF-16 code units, not by code points or locale', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 in UTF-16 order.
    expect(canonicalJson({ '\uFB33': 1, '\u{1F600}': 2, a: 3 })).toBe(
      '{"a":3,"\u{1F600}":2,"\uFB33":1}',
    );
  });

  class Point {
    x = 1;
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  let deep: unknown = 1;
  for (let depth = 0; depth < 300; depth += 1) deep = [deep];

  it.each<[string, unknown, string]>([
    ['undefined', undefined, '$ has no JSON form (undefined)'],
    ['an undefined member', { a: undefined }, '$.a has no JSON form (undefined)'],
    ['an undefined element', [1, undefined], '$[1] has no JSON form (undefined)'],
    ['a hole', new Array<number>(2), '$[0] is a hole'],
    ['a function', { f: () => 1 }, '$.f has no JSON form (function)'],
    ['a symbol', Symbol('s'), '$ has no JSON form (symbol)'],
    ['a BigInt', { n: 10n }, '$.n has no JSON form (bigint)'],
    ['NaN', Number.NaN, '$ is NaN'],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0] is Infinity'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '$ is -Infinity'],
    ['a Date', { at: new Date(0) }, '$.at is not a plain object'],
    ['a Map', new Map(), '$ is not a plain object'],
    ['a class instance', new Point(), '$ is not a plain object'],
    ['a symbol key', { [Symbol('k')]: 1 }, '$ has symbol keys'],
    ['a lone surrogate', { s: '\uD800' }, '$.s holds a lone UTF-16 surrogate'],
    ['a lone surrogate in a name', { '\uDC00': 1 }, 'member name with a lone UTF-16 surrogate'],
    ['a cycle', cyclic, '$.self refers back to itself'],
    ['nesting past the limit', deep, 'nested deeper than 256'],
  ])('refuses %s with a typed error', (_name, value, message) => {
    let thrown: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BundleFormatError);
    expect(thrown).toMatchObject({ reason: 'not_json_value' });
    expect((thrown as Error).message).toContain(message);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    [
      'a null-prototype object',
      Object.assign(Object.create(null), { b: 1, a: [] }),
      '{"a":[],"b":1}',
    ],
    ['minus zero', -0, '0'],
    ['escapes', '\u0000\u001f"\\/\u2028', '"\\u0000\\u001f\\"\\\\/\u2028"'],
    [
      'a shared (not cyclic) reference',
      (() => {
        const x = { a: 1 };
        return [x, x];
      })(),
      '[{"a":1},{"a":1}]',
    ],
  ])('writes %s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
