import { canonicalJson } from '@parapet/bundle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableEvent } from '../ingest/is-storable-event';
import { makeSampleEvents } from '../ingest/make-sample-events';
import { canonicalEventJson } from './canonical-event-json';

// The hand-ordered writer must give the general canonicalizer's text for every storable event,
// whatever optional fields it has and whatever characters its strings hold.
const device = '019ae4f2-0000-7000-8000-000000000001';
const samples = makeSampleEvents({ device, count: 8 }) as unknown as Record<string, unknown>[];

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
  fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
  fc.constantFrom('"', '\\', '\u0001', '\u007f', '\u2028', '€', '😀', 'a"b\\c\nd'),
);

const changed = fc
  .record(
    {
      sample: fc.constantFrom(...samples),
      user: fc.oneof(fc.constant(undefined), fc.constant(null), text),
      session: fc.oneof(
        fc.constant(undefined),
        fc.record({ id: text, agent: text }, { requiredKeys: ['id'] }),
      ),
      rule: fc.oneof(
        fc.constant(undefined),
        fc.constant(null),
        fc.record({ id: fc.oneof(fc.constant(null), text), layer: text }),
      ),
      ver: fc.oneof(
        fc.constant(undefined),
        fc.constant(null),
        fc.integer({ min: 0, max: 2_147_483_647 }),
      ),
      seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      detail: text,
    },
    { requiredKeys: ['sample', 'seq', 'detail'] },
  )
  .map(({ sample, detail, ...fields }) => {
    const event: Record<string, unknown> = JSON.parse(JSON.stringify(sample));
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) delete event[key];
      else event[key] = value;
    }
    const resource = { ...(event.resource as Record<string, unknown>) };
    for (const key of ['host', 'path', 'credential', 'server'])
      if (key in resource) resource[key] = detail;
    event.resource = resource;
    return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  })
  .filter(isStorableEvent);

describe('canonicalEventJson', () => {
  it('is canonicalJson for the sample events', () => {
    for (const sample of samples) expect(canonicalEventJson(sample)).toBe(canonicalJson(sample));
  });

  it('is canonicalJson for storable events with any optional fields and strings', () => {
    fc.assert(
      fc.property(changed, (event) => {
        expect(canonicalEventJson(event)).toBe(canonicalJson(event));
      }),
      { numRuns: 5_000 },
    );
  });

  it('is canonicalJson whatever order the keys of the event and its objects come in', () => {
    // Keys in canonical order take JSON.stringify's path, any other order the writer's.
    const reordered = fc
      .tuple(changed, fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([event, seed]) => shuffledKeys(event, seed) as Record<string, unknown>);
    fc.assert(
      fc.property(reordered, (event) => {
        expect(canonicalEventJson(event)).toBe(canonicalJson(event));
      }),
      { numRuns: 5_000 },
    );
    const sorted = JSON.parse(canonicalJson(samples[0] as object)) as Record<string, unknown>;
    expect(canonicalEventJson(sorted)).toBe(canonicalJson(sorted));
    expect(canonicalEventJson(shuffledKeys(sorted, 7) as Record<string, unknown>)).toBe(
      canonicalJson(sorted),
    );
  });
});

/** A copy with every object's keys in a pseudo-random order drawn from `seed`. */
function shuffledKeys(value: unknown, seed: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let state = seed;
  const entries = Object.entries(value)
    .map(([key, inner]) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return { key, inner, order: state };
    })
    .sort((a, b) => a.order - b.order);
  return Object.fromEntries(entries.map(({ key, inner }) => [key, shuffledKeys(inner, seed + 1)]));
}
