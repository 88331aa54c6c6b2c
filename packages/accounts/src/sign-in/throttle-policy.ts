import { throttleAddress } from './throttle-address';

/**
 * Failed password limits, shared by sign-in and the Account page's current-password check. Per
 * account, so one account cannot be guessed at from many addresses; per address (an IPv6 /64,
 * see throttleAddress), so one address cannot spray guesses over many accounts. Counting is per
 * fixed window that starts at the first failure.
 */
export const throttlePolicy = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleKind = keyof typeof throttlePolicy;

export function throttleKey(kind: ThrottleKind, value: string): string {
  const subject = kind === 'address' ? throttleAddress(value) : value;
  return `${kind}:${subject}`.slice(0, 300);
}
