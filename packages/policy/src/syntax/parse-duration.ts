export type DurationResult =
  | { readonly ok: true; readonly seconds: number }
  | { readonly ok: false; readonly message: string };

const MAX_SECONDS = 24 * 60 * 60;

/**
 * Parses a lease length such as `30m`, `8h` or `1h30m` (hours, minutes, seconds in that order).
 * Days are not accepted: the longest lease is `24h`, and spelling it in hours keeps that visible.
 */
export function parseDuration(text: string): DurationResult {
  const match = /^(?:(\d{1,5})h)?(?:(\d{1,5})m)?(?:(\d{1,6})s)?$/.exec(text);
  if (match === null || text === '') {
    return { ok: false, message: 'a duration is written like 30m, 8h or 1h30m' };
  }
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  if (seconds === 0) return { ok: false, message: 'a lease must last longer than zero' };
  if (seconds > MAX_SECONDS) return { ok: false, message: 'a lease lasts at most 24h' };
  return { ok: true, seconds };
}
