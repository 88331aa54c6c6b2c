import { join } from 'node:path';
import { GENESIS_PREV, sha256HexSchema } from '@parapet/audit';
import { z } from 'zod';
import { AgentError, describeError } from '../agent-error';
import { writeFileAtomic } from '../state/atomic-write';
import { readJsonFile } from '../state/state-folder';

// The event buffer lives in `<state>/events/`: NDJSON segment files named by the seq of their
// first event, and `buffer.json`, replaced atomically, which says where the live events begin,
// how far the segments were committed, the chain's head and the counters. README, "Event buffer".

export const BUFFER_DIR = 'events';
export const BUFFER_STATE_FILE = 'buffer.json';

const count = z.number().int().min(0);
const isoTime = z.iso.datetime();

/** A place in the segments: the segment (its first seq) and a byte offset inside it. */
export const bufferPositionSchema = z.strictObject({ segment: count, offset: count });
export type BufferPosition = z.infer<typeof bufferPositionSchema>;

export const bufferStateSchema = z.strictObject({
  /** The device whose chain this is; a new enrollment starts a new chain. */
  device: z.string().min(1),
  /** The seq the next stamped event gets. */
  nextSeq: z.number().int().min(1),
  /** hashAuditEvent of the last stamped event (64 zeros before the first). */
  lastHash: sha256HexSchema,
  /** The first live event: its seq and where its line starts. */
  head: z.strictObject({ seq: z.number().int().min(1), ...bufferPositionSchema.shape }),
  /** The newest segment and its size as of this file's last write; bytes past it were not committed. */
  tail: z.strictObject({ segment: count, size: count }).nullable(),
  counters: z.strictObject({
    /** Events dropped, oldest first, because the buffer was full. */
    dropped: count,
    /** Partial or unreadable lines past the committed tail after a crash: never acknowledged. */
    torn: count,
    /** Committed lines that could not be read back: lost events. */
    corrupt: count,
    /** Events the edge refused for good (docs/audit.md, "Ingestion"). */
    rejected: count,
    /** Events the edge accepted. */
    uploaded: count,
  }),
  /** The `droppedEvents` last told to the edge, so a status is sent only when it changes. */
  reportedDropped: count,
  lastUploadAt: isoTime.nullable(),
  lastUploadError: z
    .strictObject({ code: z.string(), message: z.string(), at: isoTime })
    .nullable(),
});
export type BufferState = z.infer<typeof bufferStateSchema>;

export function bufferDir(stateDir: string): string {
  return join(stateDir, BUFFER_DIR);
}

export function emptyBufferState(device: string): BufferState {
  return {
    device,
    nextSeq: 1,
    lastHash: GENESIS_PREV,
    head: { seq: 1, segment: 1, offset: 0 },
    tail: null,
    counters: { dropped: 0, torn: 0, corrupt: 0, rejected: 0, uploaded: 0 },
    reportedDropped: 0,
    lastUploadAt: null,
    lastUploadError: null,
  };
}

/** What the edge is told as `droppedEvents`: events that were buffered and are gone unsent. */
export function droppedEvents(state: BufferState): number {
  return state.counters.dropped + state.counters.corrupt;
}

export function bufferedEvents(state: BufferState): number {
  return state.nextSeq - state.head.seq;
}

/** The buffer's state; `undefined` when no event was ever buffered here. */
export async function readBufferState(stateDir: string): Promise<BufferState | undefined> {
  return readJsonFile(join(bufferDir(stateDir), BUFFER_STATE_FILE), bufferStateSchema);
}

export async function writeBufferState(stateDir: string, state: BufferState): Promise<void> {
  const path = join(bufferDir(stateDir), BUFFER_STATE_FILE);
  try {
    await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
  } catch (error) {
    throw new AgentError('STATE_INVALID', `cannot write ${path}: ${describeError(error)}`);
  }
}
