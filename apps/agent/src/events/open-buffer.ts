import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { hashAuditEvent } from '@parapet/audit';
import { AgentError } from '../agent-error';
import { DIRECTORY_MODE } from '../state/atomic-write';
import { listSegments, readSegmentLines, type Segment, truncateSegment } from './buffer-segments';
import {
  type BufferState,
  bufferDir,
  emptyBufferState,
  readBufferState,
  writeBufferState,
} from './buffer-state';

export interface OpenBuffer {
  readonly dir: string;
  readonly state: BufferState;
  /** Oldest first; the last one is where appends go. */
  readonly segments: Segment[];
}

/** A stamped line as the buffer reads it back: enough to check and chain it. */
export function readStampedLine(text: string): { seq: number; id: string; event: object } | null {
  try {
    const event = JSON.parse(text) as { seq?: unknown; id?: unknown };
    if (typeof event !== 'object' || event === null) return null;
    if (!Number.isSafeInteger(event.seq) || typeof event.id !== 'string') return null;
    return { seq: event.seq as number, id: event.id, event };
  } catch {
    return null;
  }
}

/**
 * Lines past the committed size of the newest segment were written by an append that did not
 * finish (the process died before `buffer.json` recorded them). Complete lines that continue
 * the chain exactly are kept, since they were flushed to disk; the first line that does not
 * (cut short, unreadable, out of sequence) and everything after it is cut off and counted as
 * torn. Those were never acknowledged to the reporter.
 */
async function recoverTail(state: BufferState, tail: Segment): Promise<BufferState> {
  const committed =
    state.tail === null || tail.first > state.tail.segment
      ? 0
      : tail.first === state.tail.segment
        ? state.tail.size
        : tail.size;
  if (tail.size === committed) return state;
  if (tail.size < committed) {
    // The file shrank behind the agent's back: keep what is there.
    return { ...state, tail: { segment: tail.first, size: tail.size } };
  }
  const { lines, tornFrom } = await readSegmentLines(tail.path, committed);
  let { nextSeq, lastHash } = state;
  let kept = committed;
  let torn = tornFrom === undefined ? 0 : 1;
  for (const [index, line] of lines.entries()) {
    const stamped = readStampedLine(line.text);
    const event = stamped?.event as { prev?: unknown; device?: unknown } | undefined;
    const continues =
      stamped !== null &&
      stamped.seq === nextSeq &&
      event?.prev === lastHash &&
      event?.device === state.device;
    if (!continues) {
      torn += lines.length - index;
      break;
    }
    nextSeq += 1;
    lastHash = hashAuditEvent(stamped.event);
    kept = line.end;
  }
  if (kept < tail.size) await truncateSegment(tail.path, kept);
  return {
    ...state,
    nextSeq,
    lastHash,
    tail: { segment: tail.first, size: kept },
    counters: { ...state.counters, torn: state.counters.torn + torn },
  };
}

/** A buffer left by an earlier enrollment is set aside: its events belong to another device. */
async function setAside(dir: string, device: string): Promise<void> {
  await rename(dir, join(dir, '..', `events.${device}.${Date.now()}`));
  await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
}

/**
 * Opens the buffer for writing and repairs what a crash left. The caller holds the state
 * folder's lock, so no other process appends meanwhile.
 */
export async function openBufferLocked(stateDir: string, device: string): Promise<OpenBuffer> {
  const dir = bufferDir(stateDir);
  await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
  let stored = await readBufferState(stateDir);
  if (stored !== undefined && stored.device !== device) {
    await setAside(dir, stored.device);
    stored = undefined;
  }
  let segments = await listSegments(dir);
  const first = segments[0];
  if (stored === undefined && first !== undefined && first.first !== 1) {
    // Without buffer.json the chain's head is unknown; guessing would fork the chain.
    throw new AgentError(
      'STATE_INVALID',
      `${dir} holds event segments but no buffer.json; move the folder aside to start a new chain`,
    );
  }
  const initial = stored ?? emptyBufferState(device);
  let state = initial;
  const tail = segments.at(-1);
  if (tail !== undefined) {
    state = await recoverTail(state, tail);
    segments = await listSegments(dir);
  } else if (state.tail !== null) {
    state = { ...state, tail: null };
  }
  if (stored === undefined || state !== initial) await writeBufferState(stateDir, state);
  return { dir, state, segments };
}
