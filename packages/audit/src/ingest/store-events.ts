import type pg from 'pg';
import type { AuditEvent } from '../event/audit-event-schema';
import { hashAuditEvent } from '../event/hash-audit-event';
import { resourceLabel } from '../event/resource-label';
import { type ChainChange, chainEvents } from './chain-events';
import type { CandidateEvent, IngestDevice } from './ingest-types';

export type StoreOutcome = {
  /** Ids stored before this transaction (retries), by this device. */
  alreadyStored: Set<string>;
  /** Ids stored before by another device: not this event, so it is refused. */
  takenByOthers: Set<string>;
};

// One statement for the whole batch: each column is one array parameter, so the batch costs one
// round trip and one plan whatever its size. The device's facts are the same for every row.
const insertEvents = `
INSERT INTO audit.events (id, org_id, device_id, person_id, groups, time, surface, action,
  decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body)
SELECT e.id, $1, $2, $3, $4, e.time, e.surface, e.action, e.decision, e.mode, e.resource,
  e.rule_id, e.rule_layer, e.ver, e.seq, e.hash, e.chain, e.body::jsonb
FROM unnest($5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::text[], $13::text[], $14::int[], $15::bigint[], $16::text[], $17::text[],
  $18::text[]) AS e(id, time, surface, action, decision, mode, resource, rule_id, rule_layer,
  ver, seq, hash, chain, body)
ON CONFLICT (id) DO NOTHING`;

/**
 * Stores a device's checked events in one transaction under its chain row's lock: ids already
 * stored are left alone, the new ones are flagged in seq order and inserted in one statement,
 * and the chain row moves on. Resolves after COMMIT; throws (after ROLLBACK) on any failure.
 */
export async function storeEvents(
  client: pg.PoolClient,
  device: IngestDevice,
  candidates: readonly CandidateEvent[],
): Promise<StoreOutcome> {
  await client.query('BEGIN');
  try {
    const outcome = await storeInTransaction(client, device, candidates);
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function storeInTransaction(
  client: pg.PoolClient,
  device: IngestDevice,
  candidates: readonly CandidateEvent[],
): Promise<StoreOutcome> {
  // Insert-if-missing then lock: two bodies of one device are chained one after the other.
  await client.query(
    `INSERT INTO audit.device_chains (device_id, org_id) VALUES ($1, $2)
     ON CONFLICT (device_id) DO NOTHING`,
    [device.id, device.orgId],
  );
  const chainRow = await client.query<{ last_seq: string; last_hash: string }>(
    `SELECT last_seq, last_hash FROM audit.device_chains
     WHERE device_id = $1 AND org_id = $2 FOR UPDATE`,
    [device.id, device.orgId],
  );
  const state = chainRow.rows[0];
  if (state === undefined) throw new Error('the device chain row belongs to another org');
  const existing = await client.query<{ id: string; device_id: string }>(
    'SELECT id, device_id FROM audit.events WHERE id = ANY($1::uuid[])',
    [candidates.map((candidate) => candidate.id)],
  );
  const outcome: StoreOutcome = { alreadyStored: new Set(), takenByOthers: new Set() };
  for (const row of existing.rows) {
    if (row.device_id === device.id) outcome.alreadyStored.add(row.id);
    else outcome.takenByOthers.add(row.id);
  }
  const fresh = candidates
    .filter(
      (candidate) =>
        !outcome.alreadyStored.has(candidate.id) && !outcome.takenByOthers.has(candidate.id),
    )
    .map((candidate) => ({
      ...candidate,
      seq: candidate.raw.seq as number,
      prev: candidate.raw.prev as string,
      hash: hashAuditEvent(candidate.raw),
    }))
    .sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return outcome;
  const { flags, change } = chainEvents(
    { lastSeq: Number(state.last_seq), lastHash: state.last_hash },
    fresh,
  );
  await client.query(insertEvents, insertParameters(device, fresh, flags));
  await client.query(updateChain, chainParameters(device, fresh.length, change));
  return outcome;
}

function insertParameters(
  device: IngestDevice,
  events: ReadonlyArray<CandidateEvent & { hash: string }>,
  flags: readonly string[],
): unknown[] {
  const ids: string[] = [];
  const times: unknown[] = [];
  const surfaces: unknown[] = [];
  const actions: unknown[] = [];
  const decisions: unknown[] = [];
  const modes: unknown[] = [];
  const resources: string[] = [];
  const ruleIds: unknown[] = [];
  const ruleLayers: unknown[] = [];
  const vers: unknown[] = [];
  const seqs: unknown[] = [];
  const hashes: string[] = [];
  const bodies: string[] = [];
  for (const candidate of events) {
    const event = candidate.raw as AuditEvent;
    ids.push(candidate.id);
    times.push(event.time);
    surfaces.push(event.surface);
    actions.push(event.action);
    decisions.push(event.decision);
    modes.push(event.mode);
    resources.push(resourceLabel(event));
    ruleIds.push(event.rule?.id ?? null);
    ruleLayers.push(event.rule?.layer ?? null);
    vers.push(event.ver ?? null);
    seqs.push(event.seq);
    hashes.push(candidate.hash);
    bodies.push(JSON.stringify(candidate.raw));
  }
  return [
    device.orgId,
    device.id,
    device.personId,
    [...device.groups],
    ids,
    times,
    surfaces,
    actions,
    decisions,
    modes,
    resources,
    ruleIds,
    ruleLayers,
    vers,
    seqs,
    hashes,
    flags,
    bodies,
  ];
}

const updateChain = `
UPDATE audit.device_chains SET last_seq = $3, last_hash = $4, events = events + $5,
  gaps = gaps + $6, missing = missing + $7, breaks = breaks + $8, late = late + $9,
  last_issue = COALESCE($10::jsonb, last_issue), updated_at = now()
WHERE device_id = $1 AND org_id = $2`;

function chainParameters(device: IngestDevice, stored: number, change: ChainChange): unknown[] {
  const issue = change.lastIssue && { ...change.lastIssue, at: new Date().toISOString() };
  return [
    device.id,
    device.orgId,
    change.next.lastSeq,
    change.next.lastHash,
    stored,
    change.gaps,
    change.missing,
    change.breaks,
    change.late,
    issue ? JSON.stringify(issue) : null,
  ];
}
