import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ChainChange, chainEvents } from './chain-events';
import { copyEventsInput, copyEventsStatement, type EncodedRows } from './copy-events';
import { type IngestDevice, StorageUnavailableError } from './ingest-types';

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
// The rows go in by COPY (Postgres inserts them in batches, where an INSERT goes row by row),
// then the chain row moves. COPY has no ON CONFLICT: an id already stored fails it
// (unique_violation), and the body is stored again after looking its ids up.
const moveChain = `UPDATE audit.device_chains SET last_seq = $3, last_hash = $4, events = events + $5,
  gaps = gaps + $6, missing = missing + $7, breaks = breaks + $8, late = late + $9,
  last_issue = COALESCE($10::jsonb, last_issue), updated_at = now()
  WHERE device_id = $2 AND org_id = $1`;
const uniqueViolation = '23505';

/** Tries after a failed COPY, each looking the ids up, before the body is refused for now. */
const lookedUpTries = 3;

/**
 * Stores a device's checked events in one transaction under its chain row's lock: ids already
 * stored are left alone, the new ones are flagged in seq order and copied in, and the chain row
 * moves on. Resolves after COMMIT; throws (after ROLLBACK) on any failure.
 *
 * A body whose every seq is past the device's newest stored one cannot hold an id this device
 * stored before (a retry repeats seqs it already sent), so the lookup of stored ids is skipped.
 * An id another device holds fails the COPY: the transaction is rolled back and the body stored
 * again with the lookup, which leaves such ids out. Only an id another device stores between
 * the lookup and the COPY fails that too; after three more failed tries the body is refused for
 * now (StorageUnavailableError: the device sends it again).
 */
export async function storeEvents(
  client: pg.PoolClient,
  device: IngestDevice,
  rows: EncodedRows,
): Promise<StoreOutcome> {
  // The first try looks up only a body that may repeat a seq; the next ones always do.
  for (let tries = 0; tries <= lookedUpTries; tries += 1) {
    const outcome = await storeInTransaction(client, device, rows, tries > 0);
    if (outcome !== null) return outcome;
  }
  throw new StorageUnavailableError(new Error('ids kept being stored by other devices'));
}

async function storeInTransaction(
  client: pg.PoolClient,
  device: IngestDevice,
  rows: EncodedRows,
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
    const { links } = rows;
    const outcome: StoreOutcome = { alreadyStored: new Set(), takenByOthers: new Set() };
    if (lookUpStored || links.anySeqAtOrBelow(lastSeq)) {
      const stored = await client.query<{ id: string; device_id: string }>(findStored, [
        links.ids(),
      ]);
      for (const row of stored.rows) {
        if (row.device_id === device.id) outcome.alreadyStored.add(row.id);
        else outcome.takenByOthers.add(row.id);
      }
    }
    // The rows to store, in seq order. Only a body with ids stored before makes id strings.
    const { alreadyStored, takenByOthers } = outcome;
    const fresh =
      alreadyStored.size + takenByOthers.size === 0
        ? links.seqOrder()
        : links.seqOrder().filter((at) => {
            const id = links.id(at);
            return !alreadyStored.has(id) && !takenByOthers.has(id);
          });
    if (fresh.length > 0) {
      const { flags, change } = chainEvents({ lastSeq, lastHash: state.last_hash }, links, fresh);
      try {
        await pipeline(
          Readable.from(copyEventsInput(rows, fresh, flags)),
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
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
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
