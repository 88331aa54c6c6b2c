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

type UploadOptions = {
  retry: RetryPolicy;
  signal?: AbortSignal;
  batch?: BatchLimits;
  /** Upload only events stamped before this seq, so a busy reporter cannot keep a pass going. */
  untilSeq?: number;
  onRejected?: (rejection: Rejection) => void;
};

/** One gzipped body to the edge, tried again per `retry` while the edge is unreachable or busy. */
async function postWithRetries(agent: Agent, body: Uint8Array, options: UploadOptions) {
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
}

/** What one upload pass has done so far, and the batch size it has learnt (after a 413). */
interface PassProgress {
  accepted: number;
  rejected: number;
  limits: BatchLimits;
}

/**
 * Sends a batch and removes it from the buffer once the edge answered for every event in it.
 * A 413 halves the batch (and the pass's batch size) until it fits; a single event that still
 * does not fit is refused for good, like any rejection.
 */
async function sendBatch(
  agent: Agent,
  entries: readonly BatchEntry[],
  options: UploadOptions,
  progress: PassProgress,
): Promise<void> {
  const events = entries.filter((entry): entry is BatchEvent => entry.kind === 'event');
  let verdicts: BatchVerdicts = { accepted: new Set(), rejected: new Map() };
  if (events.length > 0) {
    const body = await gzipAsync(`${events.map((event) => event.text).join('\n')}\n`);
    try {
      verdicts = verdictsFor(events, await postWithRetries(agent, body, options));
    } catch (error) {
      if (!(error instanceof AgentError) || error.status !== 413) throw error;
      if (events.length === 1) {
        const tooLarge = { reason: 'too_large', message: error.message };
        verdicts = { accepted: new Set(), rejected: new Map([[0, tooLarge]]) };
      } else {
        const half = Math.ceil(events.length / 2);
        const maxBytes = Math.max(1, Math.floor(progress.limits.maxBytes / 2));
        progress.limits = { maxEvents: half, maxBytes };
        const cut = entries.indexOf(events[half] as BatchEntry);
        await sendBatch(agent, entries.slice(0, cut), options, progress);
        await sendBatch(agent, entries.slice(cut), options, progress);
        return;
      }
    }
  }
  for (const [index, verdict] of verdicts.rejected) {
    const event = events[index];
    if (event !== undefined) options.onRejected?.({ id: event.id, ...verdict });
  }
  const committed = await commitUploadBatch({
    stateDir: agent.stateDir,
    device: agent.device.device,
    entries,
    verdicts,
    at: agent.now().toISOString(),
  });
  progress.accepted += committed.accepted;
  progress.rejected += committed.rejected;
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
  options: UploadOptions,
): Promise<UploadSummary> {
  const { stateDir, device } = agent;
  const progress: PassProgress = {
    accepted: 0,
    rejected: 0,
    limits: options.batch ?? DEFAULT_BATCH,
  };
  const until = options.untilSeq ?? Number.POSITIVE_INFINITY;
  for (;;) {
    const batch = await readUploadBatch(stateDir, device.device, progress.limits);
    // Entries are in seq order, so this keeps a prefix: the buffer still shrinks from its head.
    const entries = batch.entries.filter((entry) => entry.nextSeq - 1 < until);
    const { accepted, rejected } = progress;
    if (entries.length === 0)
      return { accepted, rejected, pending: batch.buffered, error: undefined };
    try {
      await sendBatch(agent, entries, options, progress);
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
      return {
        accepted: progress.accepted,
        rejected: progress.rejected,
        pending: after.buffered,
        error,
      };
    }
  }
}
