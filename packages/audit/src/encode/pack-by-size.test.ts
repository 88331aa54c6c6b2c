import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PackLimits, packBySize, sized } from './pack-by-size';

const bodyBytes = (group: Array<{ bytes: number }>, limits: PackLimits) =>
  limits.envelopeBytes +
  group.reduce((total, item) => total + item.bytes, 0) +
  limits.separatorBytes * Math.max(0, group.length - 1);

describe('packBySize', () => {
  it.each([
    [
      'fills a request exactly to the limit',
      [4, 4],
      { maxBytes: 10, separatorBytes: 1, envelopeBytes: 1 },
      [[4, 4]],
    ],
    [
      'starts a new request one byte over it',
      [4, 5],
      { maxBytes: 10, separatorBytes: 1, envelopeBytes: 1 },
      [[4], [5]],
    ],
    [
      'gives an item too large alone a request of its own',
      [3, 20, 3],
      { maxBytes: 10, separatorBytes: 0, envelopeBytes: 0 },
      [[3], [20], [3]],
    ],
    [
      'splits by count',
      [1, 1, 1, 1, 1],
      { maxBytes: 100, maxCount: 2, separatorBytes: 0, envelopeBytes: 0 },
      [[1, 1], [1, 1], [1]],
    ],
    ['sends nothing for nothing', [], { maxBytes: 10, separatorBytes: 0, envelopeBytes: 0 }, []],
  ] as const)('%s', (_name, sizes, limits, expected) => {
    const items = sizes.map((bytes, index) => ({ text: String(index), bytes }));
    expect(packBySize(items, limits).map((group) => group.map((item) => item.bytes))).toEqual(
      expected,
    );
  });

  it('keeps every item in order, within the limits, and starts a new group only when it must', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(200)),
        fc.record({
          maxBytes: fc.integer({ min: 1, max: 600 }),
          maxCount: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
          separatorBytes: fc.integer({ min: 0, max: 2 }),
          envelopeBytes: fc.integer({ min: 0, max: 2 }),
        }),
        (sizes, limits) => {
          const items = sizes.map((bytes, index) => ({ text: String(index), bytes }));
          const groups = packBySize(items, limits);
          expect(groups.flat()).toEqual(items);
          groups.forEach((group, index) => {
            expect(group.length).toBeGreaterThan(0);
            if (limits.maxCount !== undefined)
              expect(group.length).toBeLessThanOrEqual(limits.maxCount);
            if (group.length > 1)
              expect(bodyBytes(group, limits)).toBeLessThanOrEqual(limits.maxBytes);
            const next = groups[index + 1]?.[0];
            if (next === undefined) return;
            const fullByCount = limits.maxCount !== undefined && group.length >= limits.maxCount;
            expect(fullByCount || bodyBytes([...group, next], limits) > limits.maxBytes).toBe(true);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('measures text in UTF-8 bytes', () => {
    expect(sized('aé😀')).toEqual({ text: 'aé😀', bytes: 1 + 2 + 4 });
  });
});
