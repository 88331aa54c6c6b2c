import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AgentError } from '../agent-error';
import type { Agent } from '../pull/open-agent';
import {
  type BatchEntry,
  type BatchEvent,
  type BatchLimits,
  type BatchVerdicts,
  commitUploadBatch,
  readUploadBatch,
  updateBufferState,
} from './upload-batch';

const gzipAsync = promisify(gzip);

/** Well under the edge's default limits (5,000 events, 4 MiB), so a default edge never says 413. */
export const DEFAULT_BATCH: BatchLimits = { maxEvents: 1000, maxBytes: 1024 * 1024 };

export interface RetryPolicy {
  /** Tries per request for 429, 5xx and network failures; 1 means no retry. */
  readonly maxAttempts: number;
  /** A wait longer than this (a long `Retry-After`) ends the tries instead. */
  readonly maxDelayMs: number;
  readonly random?: () => number;
}

export interface UploadSummary {
  readonly accepted: number;
  readonly rejected: number;
  /** Events still buffered after this pass. */
  readonly pending: number;
  /** Why the pass stopped early; the events stay buffered. */
  readonly error: AgentError | undefined;
}

export interface Rejection {
  readonly id: string;
  readonly reason: string;
  readonly message: string;
}

/**
 * Exponential backoff with full jitter (anywhere from 0 to 0.5 s, 1 s, 2 s… capped at 60 s), so
 * a fleet coming back after an outage spreads out; an edge's `Retry-After` is a floor.
 */
export function uploadRetryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(60_000, 500 * 2 ** Math.min(attempt - 1, 16));
  return Math.max(retryAfterMs ?? 0, Math.round(random() * ceiling));
}

function verdictsFor(
  events: readonly BatchEvent[],
  response: { accepted: string[]; rejected: { index: number; reason: string; message: string }[] },
): BatchVerdicts {
  const acceptedIds = new Set(response.accepted);
  const accepted = new Set<number>();
  for (const [index, event] of events.entries()) if (acceptedIds.has(event.id)) accepted.add(index);
  const rejected = new Map<number, { reason: string; message: string }>();
  for (const { index, reason, message } of response.rejected) {
    if (index < events.length && !accepted.has(index)) rejected.set(index, { reason, message });
  }
  const unanswered = events.length - accepted.size - rejected.size;
  if (unanswered > 0) {
    throw new AgentError(
      'EDGE_PROTOCOL',
      `the events answer says nothing of ${unanswered} of ${events.length} events; they stay buffered`,
    );
  }
  return { accepted, rejected };
}

/**
 * Uploads what the buffer holds, oldest first, in gzipped NDJSON batches to `POST /v1/events`
 * (docs/audit.md, "Ingestion"), removing each batch once the edge answered for it. 429, 5xx and
 * network failures are retried per `retry`; a 413 halves the batch; a refused token is renewed
 * by the session. A device refusal is thrown (the caller stops); any other failure ends the
 * pass with the events still buffered and the error recorded for `status`.
 */
export async function uploadBufferedEvents(
  agent: Agent,
  options: {
    retry: RetryPolicy;
    signal?: AbortSignal;
    batch?: BatchLimits;
    /** Upload only events stamped before this seq, so a busy reporter cannot keep a pass going. */
    untilSeq?: number;
    onRejected?: (rejection: Rejection) => void;
  },
): Promise<UploadSummary> {
  const { stateDir, device } = agent;
  let limits = options.batch ?? DEFAULT_BATCH;
  let accepted = 0;
  let rejected = 0;

  const post = async (body: Uint8Array) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await agent.session.withToken((token) => agent.client.postEvents(token, body));
      } catch (error) {
        if (!(error instanceof AgentError) || error.code !== 'EDGE_UNREACHABLE') throw error;
        if (attempt >= options.retry.maxAttempts) throw error;
        const delay = uploadRetryDelay(attempt, error.retryAfterMs, options.retry.random);
        if (delay > options.retry.maxDelayMs) throw error;
        await sleep(delay, undefined, options.signal ? { signal: options.signal } : {});
      }
    }
  };

  const send = async (entries: readonly BatchEntry[]): Promise<void> => {
    const events = entries.filter((entry): entry is BatchEvent => entry.kind === 'event');
    let verdicts: BatchVerdicts = { accepted: new Set(), rejected: new Map() };
    if (events.length > 0) {
      const body = await gzipAsync(`${events.map((event) => event.text).join('\n')}\n`);
      try {
        verdicts = verdictsFor(events, await post(body));
      } catch (error) {
        if (!(error instanceof AgentError) || error.status !== 413) throw error;
        if (events.length === 1) {
          // One event the edge will never take: refused for good, like any rejection.
          verdicts = {
            accepted: new Set(),
            rejected: new Map([[0, { reason: 'too_large', message: error.message }]]),
          };
        } else {
          const half = Math.ceil(events.length / 2);
          limits = { maxEvents: half, maxBytes: Math.max(1, Math.floor(limits.maxBytes / 2)) };
          const cut = entries.indexOf(events[half] as BatchEntry);
          await send(entries.slice(0, cut));
          await send(entries.slice(cut));
          return;
        }
      }
    }
    for (const [index, verdict] of verdicts.rejected) {
      const event = events[index];
      if (event !== undefined) options.onRejected?.({ id: event.id, ...verdict });
    }
    const committed = await commitUploadBatch({
      stateDir,
      device: device.device,
      entries,
      verdicts,
      at: agent.now().toISOString(),
    });
    accepted += committed.accepted;
    rejected += committed.rejected;
  };

  for (;;) {
    const batch = await readUploadBatch(stateDir, device.device, limits);
    const until = options.untilSeq ?? Number.POSITIVE_INFINITY;
    // Entries are in seq order, so this keeps a prefix: the buffer still shrinks from its head.
    const entries = batch.entries.filter((entry) => entry.nextSeq - 1 < until);
    if (entries.length === 0) {
      return { accepted, rejected, pending: batch.buffered, error: undefined };
    }
    try {
      await send(entries);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!(error instanceof AgentError) || error.code === 'DEVICE_REFUSED') throw error;
      const at = agent.now().toISOString();
      const code = error.edgeCode ?? error.code;
      await updateBufferState(stateDir, (state) => ({
        ...state,
        lastUploadError: { code, message: error.message, at },
      }));
      const after = await readUploadBatch(stateDir, device.device, { maxEvents: 0, maxBytes: 0 });
      return { accepted, rejected, pending: after.buffered, error };
    }
  }
}
