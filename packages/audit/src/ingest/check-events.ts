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
  const oldest = oldestRetainedMs(now, retentionDays);
  for (let index = 0; index < events.length; index += 1) {
    const value = events[index];
    const reject = (reason: RejectReason, message: string) => {
      rejected.push({ index, id: idOf(value), reason, message });
    };
    if (value instanceof UnreadableEvent) {
      reject('invalid', value.message);
      continue;
    }
    if (!isStorableEvent(value)) {
      reject('invalid', describeInvalidEvent(value));
      continue;
    }
    const raw = value as Record<string, unknown>;
    const id = raw.id as string;
    const idTime = uuidV7Time(id);
    const timeMs = Date.parse(raw.time as string);
    if (raw.device !== device.id) {
      reject('wrong_device', 'device is not the device this token belongs to');
    } else if (Math.abs(idTime - timeMs) > maxIdTimeSkewMs) {
      reject('time_mismatch', 'the time in id is more than 24 hours from time');
    } else if (idTime > now + maxAheadMs) {
      reject('too_new', 'the time in id is more than 5 minutes ahead of the server’s clock');
    } else if (idTime < oldest) {
      reject('too_old', `the time in id is before the oldest retained day (${retentionDays} days)`);
    } else if (seen.has(id)) {
      reject('duplicate_in_request', 'this id came earlier in the same body');
    } else {
      seen.add(id);
      candidates.push({ index, id, raw, idTime, timeMs });
    }
  }
  return { candidates, rejected };
}

/** The id of a rejected entry when it has the form of one; nothing longer is echoed. */
function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && readableId.test(id) ? id : null;
}
