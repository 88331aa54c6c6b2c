import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ChainChange, chainEvents } from './chain-events';
import { copyEventsInput, copyEventsStatement } from './copy-events';
import type { IngestDevice } from './ingest-types';
import type { PreparedRow } from './prepare-rows';

export type StoreOutcome = {
  /** Ids stored before this transaction (retries), by this device. */
  alreadyStored: Set<string>;
  /** Ids stored before by another device: not this event, so it is refused. */
  takenByOthers: Set<string>;
};

// Insert-if-missing and lock in one statement: DO UPDATE locks the row, so two bodies of one
// device are chained one after the other; a row of another org matches nothing (refused).
const lockChain = `INSERT INTO audit.device_chains AS chain (device_id, org_id) VALUES ($1, $2)
  ON CONFLICT (device_id) DO UPDATE SET org_id = chain.org_id WHERE chain.org_id = $2
  RETURNING last_seq, last_hash`;
// After the lock, in a statement of its own (so its snapshot sees what the lock waited for): one
// primary-key probe per id, a nested loop pruned to each id's day partition, never a scan.
const findStored = `SELECT e.id, e.device_id FROM unnest($1::uuid[]) AS wanted(id)
  JOIN audit.events e ON e.id = wanted.id`;
// One statement for the batch: each column is one array parameter, so the batch costs one plan
// whatever its size. The device's facts are the same for every row.
// The chain row moves in the same statement (a data-modifying CTE): one round trip fewer.
const insertEvents = `
WITH moved AS (
  UPDATE audit.device_chains SET last_seq = $19, last_hash = $20, events = events + $21,
    gaps = gaps + $22, missing = missing + $23, breaks = breaks + $24, late = late + $25,
    last_issue = COALESCE($26::jsonb, last_issue), updated_at = now()
  WHERE device_id = $2 AND org_id = $1),
inserted AS (INSERT INTO audit.events (id, org_id, device_id, person_id, groups, time, surface, action,
  decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body)
SELECT e.id, $1, $2, $3, $4, e.time, e.surface, e.action, e.decision, e.mode, e.resource,
  e.rule_id, e.rule_layer, e.ver, e.seq, e.hash, e.chain, e.body::json
FROM unnest($5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::text[], $13::text[], $14::int[], $15::bigint[], $16::text[], $17::text[],
  $18::text[]) AS e(id, time, surface, action, decision, mode, resource, rule_id, rule_layer,
  ver, seq, hash, chain, body)
ON CONFLICT (id) DO NOTHING
RETURNING 1)
SELECT count(*)::int AS stored FROM inserted`;
// The fast path's statements: the rows by COPY (Postgres inserts them in batches, where the
// insert above goes row by row with a speculative insertion each for ON CONFLICT), then the
// chain row (copy-events.ts). COPY has no ON CONFLICT: an id already stored fails it
// (unique_violation), and the body is stored again the careful way.
const moveChain = `UPDATE audit.device_chains SET last_seq = $3, last_hash = $4, events = events + $5,
  gaps = gaps + $6, missing = missing + $7, breaks = breaks + $8, late = late + $9,
  last_issue = COALESCE($10::jsonb, last_issue), updated_at = now()
  WHERE device_id = $2 AND org_id = $1`;
const uniqueViolation = '23505';

/**
 * Stores a device's checked events in one transaction under its chain row's lock: ids already
 * stored are left alone, the new ones are flagged in seq order and inserted in one statement,
 * and the chain row moves on. Resolves after COMMIT; throws (after ROLLBACK) on any failure.
 *
 * A body whose every seq is past the device's newest stored one cannot hold an id this device
 * stored before (a retry repeats seqs it already sent), so the lookup of stored ids is skipped
 * and the rows go in by COPY. An id another device holds fails the COPY: the transaction is
 * rolled back and the body stored again with the lookup and the conflict-tolerant insert.
 */
export async function storeEvents(
  client: pg.PoolClient,
  device: IngestDevice,
  rows: readonly PreparedRow[],
): Promise<StoreOutcome> {
  const fast = await storeInTransaction(client, device, rows, false);
  return fast ?? ((await storeInTransaction(client, device, rows, true)) as StoreOutcome);
}

async function storeInTransaction(
  client: pg.PoolClient,
  device: IngestDevice,
  rows: readonly PreparedRow[],
  lookUpStored: boolean,
): Promise<StoreOutcome | null> {
  await client.query('BEGIN');
  try {
    const chainRow = await client.query<{ last_seq: string; last_hash: string }>(lockChain, [
      device.id,
      device.orgId,
    ]);
    const state = chainRow.rows[0];
    if (state === undefined) throw new Error('the device chain row belongs to another org');
    const lastSeq = Number(state.last_seq);
    const outcome: StoreOutcome = { alreadyStored: new Set(), takenByOthers: new Set() };
    const mayRepeat = lookUpStored || rows.some((row) => row.seq <= lastSeq);
    if (mayRepeat) {
      const stored = await client.query<{ id: string; device_id: string }>(findStored, [
        rows.map((row) => row.id),
      ]);
      for (const row of stored.rows) {
        if (row.device_id === device.id) outcome.alreadyStored.add(row.id);
        else outcome.takenByOthers.add(row.id);
      }
    }
    const fresh = rows
      .filter((row) => !outcome.alreadyStored.has(row.id) && !outcome.takenByOthers.has(row.id))
      .sort((a, b) => a.seq - b.seq);
    if (fresh.length > 0) {
      const { flags, change } = chainEvents({ lastSeq, lastHash: state.last_hash }, fresh);
      if (!mayRepeat) {
        // No id of this body can be one this device stored: COPY, and a conflict (an id another
        // device holds) sends the body down the careful path.
        try {
          await pipeline(
            Readable.from(copyEventsInput({ device, rows: fresh, flags })),
            client.query(copyFrom(copyEventsStatement)),
          );
        } catch (error) {
          if ((error as { code?: unknown }).code !== uniqueViolation) throw error;
          await client.query('ROLLBACK');
          return null;
        }
        await client.query(moveChain, [
          device.orgId,
          device.id,
          ...chainParameters(fresh.length, change),
        ]);
      } else {
        await client.query(insertEvents, [
          ...insertParameters(device, fresh, flags),
          ...chainParameters(fresh.length, change),
        ]);
      }
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function insertParameters(
  device: IngestDevice,
  rows: readonly PreparedRow[],
  flags: readonly string[],
): unknown[] {
  const column = <T>(pick: (row: PreparedRow) => T) => rows.map(pick);
  return [
    device.orgId,
    device.id,
    device.personId,
    [...device.groups],
    column((row) => row.id),
    column((row) => row.time),
    column((row) => row.surface),
    column((row) => row.action),
    column((row) => row.decision),
    column((row) => row.mode),
    column((row) => row.resource),
    column((row) => row.ruleId),
    column((row) => row.ruleLayer),
    column((row) => row.ver),
    column((row) => row.seq),
    column((row) => row.hash),
    flags,
    column((row) => row.body),
  ];
}

function chainParameters(stored: number, change: ChainChange): unknown[] {
  const issue = change.lastIssue && { ...change.lastIssue, at: new Date().toISOString() };
  return [
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
