import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashAuditEvent } from '@parapet/audit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bufferedEventsOf,
  decisionLine,
  deviceOnlyState,
  expectChain,
  TEST_DEVICE,
} from '../testing/event-buffer-fixture';
import { appendEvents, SEGMENT_BYTES } from './append-events';
import { DEFAULT_BUFFER_LIMITS } from './buffer-limits';
import { listSegments } from './buffer-segments';
import { bufferDir, readBufferState } from './buffer-state';
import { parseReportLine, type UnchainedEvent } from './parse-report-line';

let stateDir: string;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ stateDir, close } = await deviceOnlyState());
});
afterEach(async () => {
  await close();
});

function events(count: number, from = 0): UnchainedEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const parsed = parseReportLine(decisionLine(from + index), {
      device: TEST_DEVICE,
      now: new Date(),
    });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.event;
  });
}

const append = (batch: UnchainedEvent[], limits = DEFAULT_BUFFER_LIMITS) =>
  appendEvents({ stateDir, device: TEST_DEVICE, events: batch, limits });

describe('appendEvents', () => {
  it('stamps seq from 1 and chains each prev to the hash of the event before, across appends', async () => {
    expect((await append(events(3))).seqs).toEqual([1, 2, 3]);
    expect((await append(events(2, 3))).seqs).toEqual([4, 5]);
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(expectChain(buffered)).toEqual([]);
    const state = await readBufferState(stateDir);
    expect(state).toMatchObject({ nextSeq: 6, lastHash: hashAuditEvent(buffered[4] as object) });
  });

  it('gives concurrent appends distinct seqs and one unbroken chain (the folder lock)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => append(events(5, index * 5))),
    );
    const seqs = outcomes.flatMap((outcome) => outcome.seqs).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(expectChain(await bufferedEventsOf(stateDir))).toEqual([]);
  });

  it('drops the oldest events past the event limit and counts them', async () => {
    const limits = { ...DEFAULT_BUFFER_LIMITS, maxEvents: 5 };
    await append(events(4), limits);
    const outcome = await append(events(4, 4), limits);
    expect(outcome.dropped).toBe(3);
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => event.seq)).toEqual([4, 5, 6, 7, 8]);
    // The survivors still chain: the first one's prev is the hash of the dropped seq 3.
    expect(expectChain(buffered, buffered[0]?.prev)).toEqual([]);
    expect((await readBufferState(stateDir))?.counters.dropped).toBe(3);
  });

  it('drops the oldest events past the byte limit, across segments, and deletes spent segments', async () => {
    const line = Buffer.byteLength(
      `${JSON.stringify({ ...events(1)[0], seq: 1000, prev: '0'.repeat(64) })}\n`,
    );
    const limits = { maxEvents: 1_000_000, maxBytes: 2 * SEGMENT_BYTES };
    const total = Math.ceil((3 * SEGMENT_BYTES) / line);
    for (let from = 0; from < total; from += 1000) {
      await append(events(Math.min(1000, total - from), from), limits);
    }
    const state = await readBufferState(stateDir);
    const buffered = await bufferedEventsOf(stateDir);
    expect(state?.counters.dropped).toBeGreaterThan(0);
    expect(buffered.length + (state?.counters.dropped ?? 0)).toBe(total);
    expect(buffered.at(-1)?.seq).toBe(total);
    const segments = await listSegments(bufferDir(stateDir));
    const onDisk = segments.reduce((sum, segment) => sum + segment.size, 0);
    // Only segments holding live events remain: at most the limit plus one partly spent segment.
    expect(onDisk).toBeLessThanOrEqual(limits.maxBytes + SEGMENT_BYTES + 1000 * line);
    expect(segments[0]?.first).toBeLessThanOrEqual(buffered[0]?.seq ?? 0);
  });

  it('cuts a torn last line, counts it, and continues the chain from the last whole event', async () => {
    await append(events(3));
    const [segment] = await listSegments(bufferDir(stateDir));
    // A crash in the middle of a write: half a line, no newline, not recorded in buffer.json.
    await appendFile(segment?.path ?? '', '{"id":"0190a0b0-0000-7000-8000-00000000');
    expect((await append(events(1, 3))).seqs).toEqual([4]);
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(expectChain(buffered)).toEqual([]);
    expect((await readBufferState(stateDir))?.counters).toMatchObject({ torn: 1, corrupt: 0 });
  });

  it('keeps whole lines written before a crash kept buffer.json from recording them', async () => {
    await append(events(2));
    const before = await bufferedEventsOf(stateDir);
    const [segment] = await listSegments(bufferDir(stateDir));
    const next = { ...events(1, 2)[0], seq: 3, prev: hashAuditEvent(before[1] as object) };
    const junk = { ...events(1, 3)[0], seq: 9, prev: '0'.repeat(64) };
    await appendFile(segment?.path ?? '', `${JSON.stringify(next)}\n${JSON.stringify(junk)}\n`);
    expect((await append(events(1, 4))).seqs).toEqual([4]);
    const buffered = await bufferedEventsOf(stateDir);
    expect(buffered.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(buffered[2]?.id).toBe(next.id);
    expect(expectChain(buffered)).toEqual([]);
    // The out-of-sequence line was never acknowledged: cut and counted as torn, not as dropped.
    expect((await readBufferState(stateDir))?.counters).toMatchObject({ torn: 1, dropped: 0 });
  });

  it('starts a new chain for a new enrollment and sets the old buffer aside', async () => {
    await append(events(2));
    const other = '0190a0b0-0000-7000-8000-000000000002';
    const outcome = await appendEvents({
      stateDir,
      device: other,
      events: events(1).map((event) => ({ ...event, device: other })),
      limits: DEFAULT_BUFFER_LIMITS,
    });
    expect(outcome.seqs).toEqual([1]);
    expect((await readdir(stateDir)).filter((name) => name.startsWith('events.'))).toEqual([
      expect.stringMatching(new RegExp(`^events\\.${TEST_DEVICE}\\.\\d+$`)),
    ]);
  });

  it('refuses segments without buffer.json rather than guess where the chain stands', async () => {
    await append(events(2));
    const dir = bufferDir(stateDir);
    const [segment] = await listSegments(dir);
    await writeFile(join(dir, '0000000000000050.ndjson'), await readFile(segment?.path ?? ''));
    await writeFile(join(dir, 'buffer.json.gone'), '');
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'buffer.json'));
    await rm(segment?.path ?? '');
    await expect(append(events(1))).rejects.toMatchObject({ code: 'STATE_INVALID' });
  });
});
