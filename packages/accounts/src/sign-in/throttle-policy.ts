/**
 * Failed sign-in limits. Per account, so one account cannot be guessed at from many addresses;
 * per address, so one address cannot spray guesses over many accounts. Counting is per fixed
 * window that starts at the first failure.
 */
export const throttlePolicy = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleKind = keyof typeof throttlePolicy;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value}`.slice(0, 300);
}
