import { setTimeout as sleep } from 'node:timers/promises';
import { AgentError, describeError } from '../agent-error';
import type { Agent } from '../pull/open-agent';
import { reportDroppedEvents } from '../pull/report-status';
import { bufferedEvents, readBufferState } from './buffer-state';
import {
  DEFAULT_BATCH,
  type Rejection,
  uploadBufferedEvents,
  uploadRetryDelay,
} from './upload-events';

/** Lines `pull --watch` prints about the event buffer. */
export type EventsWatchEvent =
  | { event: 'uploaded'; accepted: number; rejected: number; pending: number }
  | { event: 'upload_error'; code: string; message: string; pending: number; retryInMs: number }
  | { event: 'device_refused'; code: string; message: string }
  | { event: 'warning'; message: string };

export interface EventsWatchOptions {
  readonly signal: AbortSignal;
  readonly emit: (event: EventsWatchEvent) => void;
  readonly onRejected?: (rejection: Rejection) => void;
  /** How often the buffer is looked at (a small file read). */
  readonly pollMs?: number;
  /** The longest a buffered event waits for company before it is sent; a full batch goes at once. */
  readonly flushMs?: number;
  readonly random?: () => number;
}

async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Uploads the event buffer for as long as `pull --watch` runs, beside the bundle long-poll and
 * independent of it: events are sent within `flushMs` of being buffered (at once when a batch
 * is full), failures back off exponentially with full jitter and honour `Retry-After`, and a
 * device refusal ends the watch. Returns when `signal` aborts.
 */
export async function watchEvents(
  agent: Agent,
  options: EventsWatchOptions,
): Promise<'stopped' | 'device_refused'> {
  const { signal, emit } = options;
  const pollMs = options.pollMs ?? 1000;
  const flushMs = options.flushMs ?? 5000;
  let failures = 0;
  let nextTryAt = 0;
  let oldestSeenAt: number | undefined;
  while (!signal.aborted) {
    const state = await readBufferState(agent.stateDir).catch(() => undefined);
    const buffered = state === undefined ? 0 : bufferedEvents(state);
    const now = Date.now();
    if (buffered === 0) oldestSeenAt = undefined;
    else oldestSeenAt ??= now;
    const due =
      buffered > 0 &&
      now >= nextTryAt &&
      (buffered >= DEFAULT_BATCH.maxEvents || now - (oldestSeenAt ?? now) >= flushMs);
    if (due) {
      try {
        const summary = await uploadBufferedEvents(agent, {
          retry: { maxAttempts: 1, maxDelayMs: 0 },
          signal,
          ...(options.onRejected === undefined ? {} : { onRejected: options.onRejected }),
        });
        if (summary.error === undefined) {
          failures = 0;
          oldestSeenAt = undefined;
          const { accepted, rejected, pending } = summary;
          if (accepted + rejected > 0) emit({ event: 'uploaded', accepted, rejected, pending });
          const problem = await reportDroppedEvents(agent);
          if (problem !== null) emit({ event: 'warning', message: problem });
        } else {
          failures += 1;
          const retryInMs = uploadRetryDelay(failures, summary.error.retryAfterMs, options.random);
          nextTryAt = Date.now() + retryInMs;
          const code = summary.error.edgeCode ?? summary.error.code;
          const { pending } = summary;
          emit({ event: 'upload_error', code, message: summary.error.message, pending, retryInMs });
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof AgentError && error.code === 'DEVICE_REFUSED') {
          emit({
            event: 'device_refused',
            code: error.edgeCode ?? error.code,
            message: error.message,
          });
          return 'device_refused';
        }
        // The buffer itself could not be read or written: say so and try again later.
        failures += 1;
        nextTryAt = Date.now() + uploadRetryDelay(failures, undefined, options.random);
        emit({ event: 'warning', message: `event upload failed: ${describeError(error)}` });
      }
    }
    if (!(await pause(pollMs, signal))) break;
  }
  return 'stopped';
}
