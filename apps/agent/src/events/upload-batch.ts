import { withStateLock } from '../state/state-folder';
import { listSegments, removeSegments } from './buffer-segments';
import {
  type BufferPosition,
  type BufferState,
  bufferDir,
  readBufferState,
  writeBufferState,
} from './buffer-state';
import { comparePositions, liveLines, settleHead } from './buffer-walk';
import { openBufferLocked, readStampedLine } from './open-buffer';

/** One buffered line on its way to the edge; an unreadable one is counted, never sent. */
export type BatchEntry = {
  readonly start: BufferPosition;
  readonly end: BufferPosition;
  /** The seq the head takes once this entry is gone. */
  readonly nextSeq: number;
} & (
  | { readonly kind: 'event'; readonly id: string; readonly text: string }
  | { readonly kind: 'corrupt' }
);

export type BatchEvent = Extract<BatchEntry, { kind: 'event' }>;

export interface BatchLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/** The oldest buffered events, read under the lock (which also repairs what a crash left). */
export async function readUploadBatch(
  stateDir: string,
  device: string,
  limits: BatchLimits,
): Promise<{ entries: BatchEntry[]; buffered: number }> {
  return withStateLock(stateDir, async () => {
    const { state, segments } = await openBufferLocked(stateDir, device);
    const entries: BatchEntry[] = [];
    let events = 0;
    let bytes = 0;
    let seq = state.head.seq;
    for await (const line of liveLines(state, segments)) {
      const size = line.end - line.start;
      if (events >= limits.maxEvents || (events > 0 && bytes + size > limits.maxBytes)) break;
      const start = { segment: line.segment, offset: line.start };
      const end = { segment: line.segment, offset: line.end };
      const stamped = readStampedLine(line.text);
      seq = (stamped?.seq ?? seq) + 1;
      if (stamped === null) {
        entries.push({ kind: 'corrupt', start, end, nextSeq: seq });
        continue;
      }
      entries.push({ kind: 'event', id: stamped.id, text: line.text, start, end, nextSeq: seq });
      events += 1;
      bytes += size;
    }
    return { entries, buffered: state.nextSeq - state.head.seq };
  });
}

/** What became of a batch's events at the edge, by position in the batch. */
export interface BatchVerdicts {
  readonly accepted: ReadonlySet<number>;
  readonly rejected: ReadonlyMap<number, { reason: string; message: string }>;
}

/**
 * Removes a batch the edge answered for from the buffer: accepted events are stored, rejected
 * ones are refused for good, so both leave. Another uploader may have sent the same events
 * meanwhile (the edge stores an id once); only entries still behind this process's view of the
 * head are counted, so nothing is counted twice.
 */
export async function commitUploadBatch(options: {
  stateDir: string;
  device: string;
  entries: readonly BatchEntry[];
  verdicts: BatchVerdicts;
  at: string;
}): Promise<{
  accepted: number;
  rejected: number;
  corrupt: number;
  state: BufferState | undefined;
}> {
  const { stateDir, entries, verdicts } = options;
  return withStateLock(stateDir, async () => {
    const stored = await readBufferState(stateDir);
    const last = entries.at(-1);
    if (stored === undefined || stored.device !== options.device || last === undefined) {
      return { accepted: 0, rejected: 0, corrupt: 0, state: stored };
    }
    let accepted = 0;
    let rejected = 0;
    let corrupt = 0;
    let index = 0;
    for (const entry of entries) {
      const current = comparePositions(entry.start, stored.head) >= 0;
      if (entry.kind === 'corrupt') {
        if (current) corrupt += 1;
        continue;
      }
      if (current && verdicts.accepted.has(index)) accepted += 1;
      if (current && verdicts.rejected.has(index)) rejected += 1;
      index += 1;
    }
    const advanced = comparePositions(last.end, stored.head) > 0;
    const head = advanced ? { seq: last.nextSeq, ...last.end } : stored.head;
    const counters = {
      ...stored.counters,
      uploaded: stored.counters.uploaded + accepted,
      rejected: stored.counters.rejected + rejected,
      corrupt: stored.counters.corrupt + corrupt,
    };
    const next = { ...stored, head, counters, lastUploadAt: options.at, lastUploadError: null };
    const settled = settleHead(next, await listSegments(bufferDir(stateDir)));
    await writeBufferState(stateDir, settled.state);
    await removeSegments(settled.behind);
    return { accepted, rejected, corrupt, state: settled.state };
  });
}

/** Changes buffer.json under the lock; nothing happens where no event was ever buffered. */
export async function updateBufferState(
  stateDir: string,
  change: (state: BufferState) => BufferState,
): Promise<void> {
  await withStateLock(stateDir, async () => {
    const stored = await readBufferState(stateDir);
    if (stored !== undefined) await writeBufferState(stateDir, change(stored));
  });
}
