import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import type pg from 'pg';
import { z } from 'zod';
import type { ChainStatus } from '../event/export-record';
import { eventFilterFields } from './event-filters.schema';
import { rawEventsWhere, SqlParams } from './event-source-sql';
import { resolveOrRefuse } from './load-dashboard';

const limitMessage = 'Give a whole number from 1 to 500.';

/** `<ISO time>_<id>` of the last event of a page, newest first. */
const eventCursorField = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/,
    'This page reference is not valid.',
  );

export const listEventsSchema = z.strictObject({
  ...eventFilterFields,
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(500, limitMessage)
    .default(50),
  cursor: z.preprocess((value) => (value === '' ? undefined : value), eventCursorField.optional()),
});

export type ListEventsInput = z.input<typeof listEventsSchema>;

/** One stored event as lists show it. */
export type EventListItem = {
  id: string;
  time: string;
  receivedAt: string;
  deviceId: string;
  hostname: string | null;
  personId: string | null;
  personEmail: string | null;
  groups: string[];
  surface: string;
  action: string;
  decision: string;
  mode: string;
  resource: string;
  ruleId: string | null;
  ruleLayer: string | null;
  seq: number;
  chain: ChainStatus;
};

export type EventsPage = { events: EventListItem[]; nextCursor: string | null };

/** The columns of an EventListItem, from events `e` with people `p` and devices `d` joined. */
export const eventListColumns = `e.id, e.time, e.received_at, e.device_id, d.hostname, e.person_id,
  p.email AS person_email, e.groups, e.surface, e.action, e.decision, e.mode, e.resource,
  e.rule_id, e.rule_layer, e.seq, e.chain`;

export const eventListJoins = `LEFT JOIN devices d ON d.id = e.device_id AND d.org_id = e.org_id
  LEFT JOIN people p ON p.id = e.person_id AND p.org_id = e.org_id`;

export type EventListRow = {
  id: string;
  time: Date;
  received_at: Date;
  device_id: string;
  hostname: string | null;
  person_id: string | null;
  person_email: string | null;
  groups: string[];
  surface: string;
  action: string;
  decision: string;
  mode: string;
  resource: string;
  rule_id: string | null;
  rule_layer: string | null;
  seq: string;
  chain: ChainStatus;
};

export function toEventListItem(row: EventListRow): EventListItem {
  return {
    id: row.id,
    time: row.time.toISOString(),
    receivedAt: row.received_at.toISOString(),
    deviceId: row.device_id,
    hostname: row.hostname,
    personId: row.person_id,
    personEmail: row.person_email,
    groups: row.groups,
    surface: row.surface,
    action: row.action,
    decision: row.decision,
    mode: row.mode,
    resource: row.resource,
    ruleId: row.rule_id,
    ruleLayer: row.rule_layer,
    seq: Number(row.seq),
    chain: row.chain,
  };
}

/** One page of the filtered events, newest first, by keyset (`cursor`). Auditors and up. */
export async function listEvents({
  pool,
  actor,
  input,
  now,
}: {
  pool: pg.Pool;
  actor: Actor;
  input: ListEventsInput;
  now?: Date;
}): Promise<EventsPage> {
  assertRole(actor, 'auditor');
  const { limit, cursor, ...filterInput } = parseInput(listEventsSchema, input);
  const filters = resolveOrRefuse({ orgId: actor.orgId, filters: filterInput, now });
  const params = new SqlParams();
  let where = rawEventsWhere(filters, params);
  if (cursor) {
    const time = params.add(cursor.slice(0, 24));
    const id = params.add(cursor.slice(25));
    // The plain bound lets the (org_id, time) index start at the cursor.
    where += ` AND e.time <= ${time} AND (e.time, e.id) < (${time}::timestamptz, ${id}::uuid)`;
  }
  const { rows } = await pool.query<EventListRow>(
    `SELECT ${eventListColumns} FROM audit.events e ${eventListJoins}
      WHERE ${where} ORDER BY e.time DESC, e.id DESC LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const page = rows.slice(0, limit).map(toEventListItem);
  const last = page.at(-1);
  return {
    events: page,
    nextCursor: rows.length > limit && last ? `${last.time}_${last.id}` : null,
  };
}
