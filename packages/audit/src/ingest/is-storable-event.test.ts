import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../event/audit-event-schema';
import { isStorableEvent } from './is-storable-event';
import { makeSampleEvents } from './make-sample-events';

// The fast check must accept exactly what the schema accepts (and Postgres can store: no lone
// surrogate). Values are JSON, as they come out of a parsed body.
const loneSurrogate = /\p{Cs}/u;
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return loneSurrogate.test(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasLoneSurrogate);
}
function slowAnswer(value: unknown): boolean {
  return auditEventSchema.safeParse(value).success && !hasLoneSurrogate(value);
}

const device = '019ae4f2-0000-7000-8000-000000000001';
const samples = makeSampleEvents({ device, count: 8 }) as unknown as Record<string, unknown>[];

// Values a field might plausibly be given: the right type near its limits, and the wrong ones.
const fieldValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    1,
    -1,
    1.5,
    65_535,
    65_536,
    2_147_483_647,
    2_147_483_648,
    Number.MAX_SAFE_INTEGER,
    2 ** 53,
    '',
    'x',
    '\u0000',
    '\ud800',
    'a\udc00b',
    '😀',
    'connect',
    'read',
    'network',
    'mcp',
    'deny',
    'audit',
    'default',
    '0'.repeat(64),
    'F'.repeat(64),
    '2026-12-03T16:40:00.123Z',
    '2026-02-30T16:40:00.123Z',
    '2026-12-03T16:40:00Z',
    '019ae4f2-9c3b-7a51-8f3e-2b4c6d8e0f12',
    '019AE4F2-9C3B-7A51-8F3E-2B4C6D8E0F12',
    '019ae4f2-9c3b-4a51-8f3e-2b4c6d8e0f12',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(45),
    'x'.repeat(46),
    'x'.repeat(200),
    'x'.repeat(201),
    'x'.repeat(253),
    'x'.repeat(254),
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.dictionary(
    fc.constantFrom('id', 'layer', 'agent', 'host', 'port', 'path', 'x'),
    fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.integer({ min: 0, max: 70_000 })),
    { maxKeys: 3 },
  ),
);
const keys = fc.constantFrom(
  'id',
  'time',
  'device',
  'user',
  'session',
  'surface',
  'action',
  'resource',
  'decision',
  'mode',
  'rule',
  'ver',
  'seq',
  'prev',
  '__proto__',
  'prompt',
);
const resourceKeys = fc.constantFrom(
  'host',
  'port',
  'ip',
  'path',
  'credential',
  'destination',
  'server',
  'tool',
  'args',
);

// A valid sample with a few fields changed, removed or added, possibly inside resource/rule/session.
const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('set' as const), key: keys, value: fieldValue }),
        fc.record({ kind: fc.constant('delete' as const), key: keys }),
        fc.record({ kind: fc.constant('resource' as const), key: resourceKeys, value: fieldValue }),
        fc.record({
          kind: fc.constantFrom('rule' as const, 'session' as const),
          key: fc.constantFrom('id', 'layer', 'agent', 'x'),
          value: fieldValue,
        }),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([sample, changes]) => {
    const event: Record<string, unknown> = JSON.parse(JSON.stringify(sample));
    for (const change of changes) {
      if (change.kind === 'set') event[change.key] = change.value;
      else if (change.kind === 'delete') delete event[change.key];
      else {
        const field = change.kind;
        const inner = event[field];
        const copy: Record<string, unknown> =
          typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...inner } : {};
        copy[change.key] = change.value;
        event[field] = copy;
      }
    }
    // Through JSON, as a body is: a __proto__ key becomes an own member, undefined disappears.
    return JSON.parse(JSON.stringify(event)) as unknown;
  });

describe('isStorableEvent', () => {
  it('accepts the sample events', () => {
    for (const sample of samples) expect(isStorableEvent(sample)).toBe(true);
  });

  it('agrees with auditEventSchema on mutated events', () => {
    fc.assert(
      fc.property(mutated, (value) => {
        expect(isStorableEvent(value)).toBe(slowAnswer(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with auditEventSchema on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isStorableEvent(value)).toBe(slowAnswer(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a key named __proto__ as the schema does', () => {
    const value = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(samples[0]).slice(1)}`);
    expect(isStorableEvent(value)).toBe(false);
    expect(slowAnswer(value)).toBe(false);
  });
});
