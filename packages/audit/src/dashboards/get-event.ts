import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import type pg from 'pg';
import { z } from 'zod';
import { hashAuditEvent } from '../event/hash-audit-event';
import {
  type EventListItem,
  type EventListRow,
  eventListColumns,
  eventListJoins,
  toEventListItem,
} from './list-events';

export const eventIdSchema = z.strictObject({
  id: z.uuid({ error: 'This is not an event id.' }),
});

export type EventDetail = EventListItem & {
  ver: number | null;
  /** sha256 of the body's canonical JSON, as stored when it arrived. */
  hash: string;
  /** Whether the body as stored now still hashes to `hash` (false: edited since). */
  hashMatches: boolean;
  /** The device's previous event's hash, as this event claims it. */
  prev: string;
  /** Whether the device's next stored event names this one's hash as its `prev`; null: none yet. */
  nextLinks: boolean | null;
  /** The event exactly as the device sent it. */
  body: Record<string, unknown>;
};

/** One stored event of the organization, with its body and chain facts. Auditors and up. */
export async function getEvent({
  pool,
  actor,
  input,
}: {
  pool: pg.Pool;
  actor: Actor;
  input: z.input<typeof eventIdSchema>;
}): Promise<EventDetail> {
  assertRole(actor, 'auditor');
  const { id } = parseInput(eventIdSchema, input);
  const { rows } = await pool.query<
    EventListRow & { ver: number | null; hash: string; body: Record<string, unknown> }
  >(
    `SELECT ${eventListColumns}, e.ver, e.hash, e.body FROM audit.events e ${eventListJoins}
      WHERE e.id = $1 AND e.org_id = $2`,
    [id, actor.orgId],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'There is no such event.');
  const next = await pool.query<{ prev: string }>(
    `SELECT body->>'prev' AS prev FROM audit.events
      WHERE device_id = $1 AND org_id = $2 AND seq = $3 ORDER BY id LIMIT 1`,
    [row.device_id, actor.orgId, Number(row.seq) + 1],
  );
  const nextPrev = next.rows[0]?.prev;
  return {
    ...toEventListItem(row),
    ver: row.ver,
    hash: row.hash,
    hashMatches: hashAuditEvent(row.body) === row.hash,
    prev: String(row.body.prev ?? ''),
    nextLinks: nextPrev === undefined ? null : nextPrev === row.hash,
    body: row.body,
  };
}
