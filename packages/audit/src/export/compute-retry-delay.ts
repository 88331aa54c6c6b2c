/** Backoff for a receiver that failed: exponential from `baseMs`, capped, with full jitter. */
export type RetryBackoff = { baseMs: number; capMs: number };

/** 429, 5xx, timeouts, network errors: soon, then less and less often. */
export const retryBackoff: RetryBackoff = { baseMs: 1_000, capMs: 60_000 };
/** A refused configuration (bad token, unknown index) needs a person; retried slowly. */
export const rejectedBackoff: RetryBackoff = { baseMs: 5_000, capMs: 15 * 60_000 };

/** The longest Retry-After honoured: a receiver cannot park a destination for a day. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * The wait before attempt number `failures + 1` (`failures` ≥ 1): uniform between zero and the
 * exponential ceiling ("full jitter"), so workers retrying after a shared outage spread out
 * instead of arriving together. A receiver's Retry-After is a floor.
 */
export function computeRetryDelay({
  failures,
  backoff,
  retryAfterMs,
  random = Math.random,
}: {
  failures: number;
  backoff: RetryBackoff;
  retryAfterMs?: number;
  random?: () => number;
}): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  const floor = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.max(jittered, floor);
}
