/**
 * How long ago `value` was, as people say it: "just now", "5 minutes ago", "3 days ago"; a time
 * ahead of `now` (clocks apart by a few seconds) reads as "just now" rather than "in 2 seconds".
 * Whole units, rounded down, so "59 minutes ago" never turns into "1 hour ago" early.
 */
export function describeAge(value: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - value.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  for (const [unit, size] of units) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

const units: [string, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];
