import { readSegmentLines, type Segment, type SegmentLine } from './buffer-segments';
import type { BufferPosition, BufferState } from './buffer-state';

/** A committed line of the buffer and the segment it is in. */
export interface LiveLine extends SegmentLine {
  readonly segment: number;
}

export function comparePositions(a: BufferPosition, b: BufferPosition): number {
  return a.segment === b.segment ? a.offset - b.offset : a.segment - b.segment;
}

/**
 * The buffer's committed lines from its head on, oldest first, one segment read at a time.
 * Bytes past the committed tail (an append still running elsewhere, or one that died) are not
 * events yet and are left out.
 */
export async function* liveLines(
  state: BufferState,
  segments: readonly Segment[],
): AsyncGenerator<LiveLine> {
  for (const segment of segments) {
    if (segment.first < state.head.segment) continue;
    const offset = segment.first === state.head.segment ? state.head.offset : 0;
    const limit = state.tail?.segment === segment.first ? state.tail.size : segment.size;
    const { lines } = await readSegmentLines(segment.path, offset);
    for (const line of lines) {
      if (line.end > limit) return;
      yield { ...line, segment: segment.first };
    }
  }
}

/** Live bytes: what the segments hold from the head to the committed tail. */
export function liveBytes(state: BufferState, segments: readonly Segment[]): number {
  let bytes = 0;
  for (const segment of segments) {
    if (segment.first < state.head.segment) continue;
    const limit = state.tail?.segment === segment.first ? state.tail.size : segment.size;
    bytes += limit - (segment.first === state.head.segment ? state.head.offset : 0);
  }
  return Math.max(0, bytes);
}

/**
 * Moves a head that sits at the end of a finished segment to the start of the next one, and
 * names the segments wholly behind it, which can be deleted.
 */
export function settleHead(
  state: BufferState,
  segments: readonly Segment[],
): { state: BufferState; behind: Segment[] } {
  let head = state.head;
  // A head in a segment that is gone (removed by hand) moves on to the next one there is.
  const firstLive = segments.find((segment) => segment.first >= head.segment);
  if (firstLive !== undefined && firstLive.first > head.segment) {
    head = { seq: head.seq, segment: firstLive.first, offset: 0 };
  }
  for (const [index, segment] of segments.entries()) {
    const next = segments[index + 1];
    const size = state.tail?.segment === segment.first ? state.tail.size : segment.size;
    if (next !== undefined && segment.first === head.segment && head.offset >= size) {
      head = { seq: head.seq, segment: next.first, offset: 0 };
    }
  }
  return {
    state: head === state.head ? state : { ...state, head },
    behind: segments.filter((segment) => segment.first < head.segment),
  };
}
