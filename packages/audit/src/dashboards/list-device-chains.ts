import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import type pg from 'pg';
import { z } from 'zod';
import { SqlParams } from './event-source-sql';

export const listDeviceChainsSchema = z.strictObject({
  device: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.uuid({ error: 'Choose a device from the list.' }).optional(),
  ),
  person: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.uuid({ error: 'Choose a person from the list.' }).optional(),
  ),
  group: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^[a-z0-9-]{1,63}$/, 'A group name is 1–63 of a-z, 0-9 and -.')
      .optional(),
  ),
});

export type ChainState = 'ok' | 'gaps' | 'breaks' | 'late';

export type DeviceChainRow = {
  deviceId: string;
  hostname: string | null;
  personEmail: string | null;
  /** The worst irregularity the chain has had: breaks, then gaps, then late events. */
  state: ChainState;
  events: number;
  lastSeq: number;
  gaps: number;
  missing: number;
  breaks: number;
  late: number;
  lastIssue: { kind: string; seq: number; id: string; at: string } | null;
  updatedAt: string;
};

export type DeviceChains = {
  devices: DeviceChainRow[];
  counts: Record<ChainState, number>;
};

const shown = 200;

/**
 * The devices' event chains as ingestion saw them, irregular ones first, filtered by the
 * device's current person and groups (a chain is a device's, not an event's). Auditors and up.
 */
export async function listDeviceChains({
  pool,
  actor,
  input = {},
}: {
  pool: pg.Pool;
  actor: Actor;
  input?: z.input<typeof listDeviceChainsSchema>;
}): Promise<DeviceChains> {
  assertRole(actor, 'auditor');
  const { device, person, group } = parseInput(listDeviceChainsSchema, input);
  const params = new SqlParams();
  const where = [`c.org_id = ${params.add(actor.orgId)}`];
  if (device) where.push(`c.device_id = ${params.add(device)}`);
  if (person) where.push(`d.person_id = ${params.add(person)}`);
  if (group) where.push(`${params.add(group)} = ANY(d.groups)`);
  const state = `CASE WHEN c.breaks > 0 THEN 'breaks' WHEN c.gaps > 0 THEN 'gaps'
    WHEN c.late > 0 THEN 'late' ELSE 'ok' END`;
  const { rows } = await pool.query<{
    device_id: string;
    hostname: string | null;
    email: string | null;
    state: ChainState;
    events: string;
    last_seq: string;
    gaps: number;
    missing: string;
    breaks: number;
    late: number;
    last_issue: DeviceChainRow['lastIssue'];
    updated_at: Date;
    total: string;
  }>(
    `SELECT c.device_id, d.hostname, p.email, ${state} AS state, c.events, c.last_seq, c.gaps,
            c.missing, c.breaks, c.late, c.last_issue, c.updated_at,
            count(*) OVER (PARTITION BY ${state})::bigint AS total
       FROM audit.device_chains c
       LEFT JOIN devices d ON d.id = c.device_id AND d.org_id = c.org_id
       LEFT JOIN people p ON p.id = d.person_id AND p.org_id = c.org_id
      WHERE ${where.join(' AND ')}
      ORDER BY c.breaks DESC, c.gaps DESC, c.late DESC, d.hostname, c.device_id`,
    params.values,
  );
  const counts: Record<ChainState, number> = { ok: 0, gaps: 0, breaks: 0, late: 0 };
  for (const row of rows) counts[row.state] = Number(row.total);
  return {
    devices: rows.slice(0, shown).map((row) => ({
      deviceId: row.device_id,
      hostname: row.hostname,
      personEmail: row.email,
      state: row.state,
      events: Number(row.events),
      lastSeq: Number(row.last_seq),
      gaps: row.gaps,
      missing: Number(row.missing),
      breaks: row.breaks,
      late: row.late,
      lastIssue: row.last_issue,
      updatedAt: row.updated_at.toISOString(),
    })),
    counts,
  };
}
