import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst of perMinute, then one more per 60/perMinute seconds, per address', () => {
    let clock = 0;
    const limiter = new RateLimiter({ perMinute: 3, now: () => clock });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(limiter.take('b').allowed).toBe(true);
    clock += 19_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i += 1) expect(limiter.take('a').allowed).toBe(true);
  });

  it('tracks at most maxTracked addresses', () => {
    let clock = 0;
    const limiter = new RateLimiter({ perMinute: 2, maxTracked: 10, now: () => clock });
    for (let i = 0; i < 100; i += 1) {
      limiter.take(`10.0.0.${i}`);
      limiter.take(`10.0.0.${i}`);
      limiter.take(`10.0.0.${i}`);
      clock += 1;
    }
    // The newest address is still limited; the oldest ones were forgotten to make room.
    expect(limiter.take('10.0.0.99').allowed).toBe(false);
    expect(limiter.take('10.0.0.0').allowed).toBe(true);
  });
});
