import { type AuditEvent, canonicalAuditEvent } from '@parapet/audit';
import { withStateLock } from '../state/state-folder';
import type { BufferLimits } from './buffer-limits';
import { appendToSegment, removeSegments, type Segment, segmentPath } from './buffer-segments';
import { type BufferState, writeBufferState } from './buffer-state';
import { liveBytes, liveLines, settleHead } from './buffer-walk';
import { openBufferLocked, readStampedLine } from './open-buffer';
import type { UnchainedEvent } from './parse-report-line';

/** Appends go to a new segment once the newest one holds this much, so old ones can be deleted whole. */
export const SEGMENT_BYTES = 1024 * 1024;

export interface AppendOutcome {
  /** The seqs given to the events, in order. */
  readonly seqs: number[];
  /** Events dropped to stay within the limits by this append (the oldest buffered). */
  readonly dropped: number;
  readonly state: BufferState;
}

/** Chains events onto the device's last one: the next seqs, each `prev` the hash of the one before. */
function stampEvents(
  state: BufferState,
  events: readonly UnchainedEvent[],
): { text: string; stamped: AuditEvent[]; lastHash: string } {
  let lastHash = state.lastHash;
  let seq = state.nextSeq;
  const stamped: AuditEvent[] = [];
  let text = '';
  for (const event of events) {
    const full: AuditEvent = { ...event, seq, prev: lastHash };
    // The line is the event's canonical text (what its hash is over): the edge then reads its
    // keys in canonical order and serialises the event with one native call.
    const canonical = canonicalAuditEvent(full);
    lastHash = canonical.hash;
    seq += 1;
    stamped.push(full);
    text += `${canonical.text}\n`;
  }
  return { text, stamped, lastHash };
}

/**
 * Drops the oldest events until the buffer is within its limits; the edge later sees the gap
 * in the chain, and the count travels in the device's status.
 */
async function dropOldest(
  state: BufferState,
  segments: readonly Segment[],
  limits: BufferLimits,
): Promise<{ state: BufferState; dropped: number; corrupt: number }> {
  let bytes = liveBytes(state, segments);
  let head = state.head;
  let dropped = 0;
  let corrupt = 0;
  const over = () => state.nextSeq - head.seq > limits.maxEvents || bytes > limits.maxBytes;
  if (!over()) return { state, dropped, corrupt };
  for await (const line of liveLines(state, segments)) {
    if (!over()) break;
    const stamped = readStampedLine(line.text);
    if (stamped === null) corrupt += 1;
    else dropped += 1;
    bytes -= line.end - line.start;
    head = { seq: (stamped?.seq ?? head.seq) + 1, segment: line.segment, offset: line.end };
  }
  const counters = {
    ...state.counters,
    dropped: state.counters.dropped + dropped,
    corrupt: state.counters.corrupt + corrupt,
  };
  return { state: { ...state, head, counters }, dropped, corrupt };
}

/**
 * Stamps `events` with the device's next seqs and chain hashes and appends them to the buffer,
 * durably, under the state folder's lock: concurrent reporters never share a seq, and a crash
 * at any point leaves either the old buffer or the new one (README, "Event buffer").
 */
export async function appendEvents(options: {
  stateDir: string;
  device: string;
  events: readonly UnchainedEvent[];
  limits: BufferLimits;
}): Promise<AppendOutcome> {
  return withStateLock(options.stateDir, async () => {
    const {
      dir,
      state: opened,
      segments,
    } = await openBufferLocked(options.stateDir, options.device);
    if (options.events.length === 0) return { seqs: [], dropped: 0, state: opened };
    const { text, stamped, lastHash } = stampEvents(opened, options.events);
    const newest = segments.at(-1);
    const rollOver = newest === undefined || newest.size >= SEGMENT_BYTES;
    const target = rollOver
      ? { first: opened.nextSeq, path: segmentPath(dir, opened.nextSeq), size: 0 }
      : newest;
    await appendToSegment(target.path, text, rollOver);
    const size = target.size + Buffer.byteLength(text, 'utf8');
    const appended: BufferState = {
      ...opened,
      nextSeq: opened.nextSeq + stamped.length,
      lastHash,
      tail: { segment: target.first, size },
    };
    const after = rollOver
      ? [...segments, { ...target, size }]
      : segments.map((segment) => (segment === newest ? { ...segment, size } : segment));
    const trimmed = await dropOldest(appended, after, options.limits);
    const settled = settleHead(trimmed.state, after);
    await writeBufferState(options.stateDir, settled.state);
    // Deleting whole segments behind the head comes after the state that no longer needs them.
    await removeSegments(settled.behind);
    return {
      seqs: stamped.map((event) => event.seq),
      dropped: trimmed.dropped + trimmed.corrupt,
      state: settled.state,
    };
  });
}
