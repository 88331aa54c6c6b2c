import { auditEventSchema, GENESIS_PREV, uuidV7Time } from '@parapet/audit';
import { describe, expect, it } from 'vitest';
import { decisionLine, TEST_DEVICE } from '../testing/event-buffer-fixture';
import { parseReportLine } from './parse-report-line';
import { uuidV7 } from './uuid-v7';

const now = new Date('2026-12-03T17:00:00.000Z');
const context = { device: TEST_DEVICE, now };

describe('parseReportLine', () => {
  it('fills in id, time and device so the event meets the contract once chained', () => {
    const parsed = parseReportLine(decisionLine(1), context);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.event).toMatchObject({ time: now.toISOString(), device: TEST_DEVICE });
    expect(uuidV7Time(parsed.event.id)).toBe(now.getTime());
    expect(
      auditEventSchema.safeParse({ ...parsed.event, seq: 9, prev: GENESIS_PREV }).success,
    ).toBe(true);
  });

  it('keeps a given time, in the wire form, and makes the id from it', () => {
    const parsed = parseReportLine(
      decisionLine(1, { time: '2026-12-01T10:00:00+02:00', session: { id: 's1' }, user: 'ana' }),
      context,
    );
    expect(parsed).toMatchObject({
      ok: true,
      event: { time: '2026-12-01T08:00:00.000Z', session: { id: 's1' }, user: 'ana' },
    });
    if (parsed.ok) expect(uuidV7Time(parsed.event.id)).toBe(Date.parse('2026-12-01T08:00:00Z'));
  });

  const refused: [string, string, string][] = [
    ['not JSON', '{"surface":', 'not JSON'],
    ['an array', '[1]', 'not a JSON object'],
    ['a stamped field', decisionLine(1, { seq: 3 }), 'seq: stamped by the agent'],
    ['a device of its own', decisionLine(1, { device: TEST_DEVICE }), 'device: stamped'],
    ['an unknown field', decisionLine(1, { prompt: 'secret' }), 'prompt'],
    ['a bad time', decisionLine(1, { time: 'yesterday' }), 'time: must be an ISO 8601'],
    ['an action of another surface', decisionLine(1, { action: 'read' }), 'action: network'],
    ['a resource of another surface', decisionLine(1, { resource: { path: '/x' } }), 'resource'],
    ['no decision', JSON.stringify({ surface: 'mcp', action: 'invoke' }), 'decision'],
    ['a huge line', decisionLine(1, { user: 'x'.repeat(70_000) }), 'longer than'],
  ];
  it.each(refused)('refuses %s with a reason', (_name, line, message) => {
    const parsed = parseReportLine(line, context);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('uuidV7', () => {
  it('is a lower-case UUIDv7 carrying the time', () => {
    for (const time of [0, 1, Date.parse('2026-12-03T17:00:00.123Z'), 2 ** 48 - 1]) {
      const id = uuidV7(time);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuidV7Time(id)).toBe(time);
    }
    expect(uuidV7(5)).not.toBe(uuidV7(5));
  });
});
