import { eventTimeMs } from '../event/event-time-ms';
import { uuidV7Time } from '../event/uuid-v7-time';
import { describeInvalidEvent } from './describe-invalid-event';
import {
  type CandidateEvent,
  type IngestDevice,
  type RejectedEvent,
  type RejectReason,
  UnreadableEvent,
} from './ingest-types';
import { isStorableEvent } from './is-storable-event';

const dayMs = 86_400_000;
/** How far an id's time may be from the event's `time` (docs/audit.md). */
export const maxIdTimeSkewMs = dayMs;
/** How far ahead of the server's clock an event may be. */
export const maxAheadMs = 5 * 60_000;

const readableId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type CheckedEvents = { candidates: CandidateEvent[]; rejected: RejectedEvent[] };

/** The first millisecond of the oldest day still kept (UTC). */
export function oldestRetainedMs(now: number, retentionDays: number): number {
  return Math.floor(now / dayMs) * dayMs - retentionDays * dayMs;
}

/**
 * Each event of a body checked on its own, in body order: the schema, then the time rules, the
 * device, and ids repeated within the body (the first valid one is taken). What passes may be
 * stored; everything else is rejected with its reason.
 */
export function checkEvents({
  events,
  device,
  now,
  retentionDays,
}: {
  events: readonly unknown[];
  device: IngestDevice;
  now: number;
  retentionDays: number;
}): CheckedEvents {
  const candidates: CandidateEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const seen = new Set<string>();
  const bounds: Bounds = {
    device: device.id,
    newest: now + maxAheadMs,
    oldest: oldestRetainedMs(now, retentionDays),
  };
  for (let index = 0; index < events.length; index += 1) {
    const value = events[index];
    if (value instanceof UnreadableEvent) {
      rejected.push(rejection(index, value, 'invalid', value.message));
      continue;
    }
    if (!isStorableEvent(value)) {
      rejected.push(rejection(index, value, 'invalid', describeInvalidEvent(value)));
      continue;
    }
    const raw = value as Record<string, unknown>;
    const id = raw.id as string;
    const idTime = uuidV7Time(id);
    const timeMs = eventTimeMs(raw.time as string);
    const refusal = refusalOf(raw.device, id, idTime, timeMs, bounds, seen);
    if (refusal !== undefined) {
      rejected.push(rejection(index, value, refusal, refusalMessage(refusal, retentionDays)));
    } else {
      seen.add(id);
      candidates.push({ index, id, raw, idTime, timeMs });
    }
  }
  return { candidates, rejected };
}

/** What every event of a body is held to: its device, and the newest and oldest id times. */
type Bounds = { device: string; newest: number; oldest: number };

/** Why a storable event cannot be taken, or undefined when it can. */
function refusalOf(
  claimedDevice: unknown,
  id: string,
  idTime: number,
  timeMs: number,
  bounds: Bounds,
  seen: ReadonlySet<string>,
): Exclude<RejectReason, 'invalid'> | undefined {
  if (claimedDevice !== bounds.device) return 'wrong_device';
  if (Math.abs(idTime - timeMs) > maxIdTimeSkewMs) return 'time_mismatch';
  if (idTime > bounds.newest) return 'too_new';
  if (idTime < bounds.oldest) return 'too_old';
  if (seen.has(id)) return 'duplicate_in_request';
  return undefined;
}

function refusalMessage(reason: Exclude<RejectReason, 'invalid'>, retentionDays: number): string {
  switch (reason) {
    case 'wrong_device':
      return 'device is not the device this token belongs to';
    case 'time_mismatch':
      return 'the time in id is more than 24 hours from time';
    case 'too_new':
      return 'the time in id is more than 5 minutes ahead of the server’s clock';
    case 'too_old':
      return `the time in id is before the oldest retained day (${retentionDays} days)`;
    case 'duplicate_in_request':
      return 'this id came earlier in the same body';
  }
}

function rejection(
  index: number,
  value: unknown,
  reason: RejectReason,
  message: string,
): RejectedEvent {
  return { index, id: idOf(value), reason, message };
}

/** The id of a rejected entry when it has the form of one; nothing longer is echoed. */
function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && readableId.test(id) ? id : null;
}
