import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventTimeMs } from './event-time-ms';

// What the schema accepts: the form, and a Date round trip that gives the same text back.
function byDate(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return Number.NaN;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value ? ms : Number.NaN;
}

const minMs = Date.parse('0000-01-01T00:00:00.000Z');
const maxMs = Date.parse('9999-12-31T23:59:59.999Z');
const digits = (length: number, max = 9) =>
  fc
    .array(fc.integer({ min: 0, max }), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

describe('eventTimeMs', () => {
  it('reads every instant from year 0 to 9999 back from its ISO text', () => {
    expect(eventTimeMs('0000-01-01T00:00:00.000Z')).toBe(Date.parse('0000-01-01T00:00:00.000Z'));
    fc.assert(
      fc.property(fc.integer({ min: minMs, max: maxMs }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(eventTimeMs(text)).toBe(ms);
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers as the Date round trip for texts of the right form with any digits', () => {
    const field = fc.oneof(digits(2), digits(2, 3));
    const text = fc
      .tuple(digits(4), field, field, field, field, field, digits(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    fc.assert(
      fc.property(text, (value) => {
        expect(eventTimeMs(value)).toBe(byDate(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses the days and hours that do not exist, and other forms', () => {
    for (const value of [
      '2025-02-29T00:00:00.000Z',
      '2100-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00.000Z',
      '2026-01-01T23:59:60.000Z',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000+00:00',
      '+002026-01-01T00:00:00.000Z',
      ' 2026-01-01T00:00:00.000Z',
    ]) {
      expect([value, eventTimeMs(value)]).toEqual([value, Number.NaN]);
      expect([value, byDate(value)]).toEqual([value, Number.NaN]);
    }
    expect(eventTimeMs('2024-02-29T12:00:00.000Z')).toBe(Date.parse('2024-02-29T12:00:00.000Z'));
    expect(eventTimeMs('2000-02-29T12:00:00.000Z')).toBe(Date.parse('2000-02-29T12:00:00.000Z'));
    expect(eventTimeMs('0050-06-15T01:02:03.004Z')).toBe(Date.parse('0050-06-15T01:02:03.004Z'));
  });
});
