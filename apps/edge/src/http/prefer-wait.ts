// `Prefer: wait=N` (RFC 7240): how long a bundle request whose ETag is current may be held.
// Read by hand with a small regex rather than a schema: it runs on every poll.
const waitPreference = /(?:^|[,;\s])wait\s*=\s*"?(\d+)"?(?=$|[,;\s])/i;

/**
 * The seconds to wait: the requested N capped at `maxWaitSeconds`, or 0 when the header is
 * absent, has no `wait`, or asks for none. A malformed value is ignored as RFC 7240 says an
 * unrecognised preference is.
 */
export function preferredWaitSeconds(header: string | undefined, maxWaitSeconds: number): number {
  if (header === undefined) return 0;
  const match = waitPreference.exec(header);
  if (!match) return 0;
  const seconds = Number(match[1]);
  return Math.min(seconds, maxWaitSeconds);
}

/**
 * Whether `If-None-Match` names `etag`: the exact value (what agents send), a list holding it,
 * or `*`. Weak forms compare equal too, as RFC 9110 §13.1.2 asks of If-None-Match.
 */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  for (const candidate of header.split(',')) {
    const tag = candidate.trim();
    if (tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}
