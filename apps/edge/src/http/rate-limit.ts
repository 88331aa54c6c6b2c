import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { EdgeMetrics } from '../metrics';
import { sendError } from './errors';

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

/**
 * A token bucket per client address, in this process's memory: each address may spend
 * `perMinute` requests at once and earns them back evenly over a minute. Replicas count apart,
 * so N edges behind a balancer allow up to N times as much; it slows a guessing or flooding
 * client, it is not a quota. 0 turns it off.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxTracked: number;
  readonly #now: () => number;

  constructor({
    perMinute,
    maxTracked = 100_000,
    now = Date.now,
  }: {
    perMinute: number;
    maxTracked?: number;
    now?: () => number;
  }) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#maxTracked = maxTracked;
    this.#now = now;
  }

  take(address: string): RateLimitOutcome {
    if (this.#capacity === 0) return { allowed: true };
    const now = this.#now();
    let bucket = this.#buckets.get(address);
    if (bucket) {
      bucket.tokens = Math.min(
        this.#capacity,
        bucket.tokens + (now - bucket.updatedAt) * this.#perMs,
      );
      bucket.updatedAt = now;
    } else {
      if (this.#buckets.size >= this.#maxTracked) this.sweep();
      bucket = { tokens: this.#capacity, updatedAt: now };
      this.#buckets.set(address, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#perMs / 1000),
    };
  }

  /**
   * Forgets addresses whose bucket has refilled (they would start full anyway), and if that
   * is not enough, the oldest: memory stays bounded however many addresses call.
   */
  sweep(): void {
    const now = this.#now();
    for (const [address, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.#perMs >= this.#capacity) {
        this.#buckets.delete(address);
      }
    }
    for (const address of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxTracked) break;
      this.#buckets.delete(address);
    }
  }
}

/**
 * A route hook that refuses with 429 and Retry-After past `limiter`'s allowance. It runs
 * before the body is read, so a flood costs no parsing.
 */
export function rateLimitHook(
  limiter: RateLimiter,
  metrics: EdgeMetrics,
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = limiter.take(request.ip);
    if (outcome.allowed) return;
    sendError(reply, metrics, 'RATE_LIMITED', 'Too many requests from this address; slow down.', {
      retryAfterSeconds: outcome.retryAfterSeconds,
    });
    return reply;
  };
}
