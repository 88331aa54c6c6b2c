import type pg from 'pg';
import { checkEvents } from './check-events';
import { type EncodedRows, encodeEventRows } from './copy-events';
import {
  type CandidateEvent,
  type IngestDevice,
  type IngestResult,
  type RejectedEvent,
  StorageUnavailableError,
} from './ingest-types';
import { prepareRows } from './prepare-rows';
import { type StoreOutcome, storeEvents } from './store-events';

/** Days of events kept when the caller does not say (PARAPET_EVENT_RETENTION_DAYS' default). */
export const defaultRetentionDays = 90;

const dayMs = 86_400_000;

/**
 * POST /v1/events' work: checks every event of a body (in body order), stores the valid ones of
 * the authenticated device in one transaction, and answers which were accepted (stored now or
 * before) and which were rejected and why. Resolves only after COMMIT, so an accepted event is
 * durable; throws when the database fails, and then nothing of the body was stored.
 *
 * Not an async function itself: an async function keeps its parameters (here every parsed
 * event) alive until it settles, and the events are not needed once their rows are encoded.
 */
export function ingestEvents({
  pool,
  device,
  events,
  now = Date.now(),
  retentionDays = defaultRetentionDays,
}: {
  pool: pg.Pool;
  device: IngestDevice;
  /** The body's entries as parsed, in body order (UnreadableEvent for a line that was not JSON). */
  events: readonly unknown[];
  now?: number;
  retentionDays?: number;
}): Promise<IngestResult> {
  let prepared: Prepared;
  try {
    prepared = checkAndPrepare(events, device, now, retentionDays);
  } catch (error) {
    return Promise.reject(error);
  }
  return storePrepared(pool, device, prepared);
}

/** A body checked and its rows encoded: what waits on the database. */
type Prepared = {
  rows: EncodedRows;
  /** indexes[i]: the body position of row i. */
  indexes: number[];
  rejected: RejectedEvent[];
  days: DayRange;
};

async function storePrepared(
  pool: pg.Pool,
  device: IngestDevice,
  { rows, indexes, rejected, days }: Prepared,
): Promise<IngestResult> {
  const outcome =
    rows.links.count === 0
      ? { alreadyStored: new Set<string>(), takenByOthers: new Set<string>() }
      : await storeWithPartitions(pool, device, rows, days);
  const accepted: string[] = [];
  for (let i = 0; i < rows.links.count; i += 1) {
    const id = rows.links.id(i);
    if (outcome.takenByOthers.has(id)) {
      rejected.push({
        index: indexes[i] as number,
        id,
        reason: 'invalid',
        message: 'id is already stored for another device',
      });
    } else accepted.push(id);
  }
  rejected.sort((a: RejectedEvent, b: RejectedEvent) => a.index - b.index);
  return { accepted, rejected, duplicates: outcome.alreadyStored.size };
}

/** The earliest and latest id time (ms) of a body's rows: the days its partitions cover. */
type DayRange = { first: number; last: number };

/**
 * The synchronous part of a body's work: check every entry, and encode the rows of those that
 * pass for COPY. What it returns holds none of the parsed entries nor the rows' texts, so they
 * are garbage before the first await: kept while the body waits on the database, they outlived
 * young-generation collections and were copied and promoted (about a kilobyte per event).
 */
function checkAndPrepare(
  events: readonly unknown[],
  device: IngestDevice,
  now: number,
  retentionDays: number,
): Prepared {
  const { candidates, rejected } = checkEvents({ events, device, now, retentionDays });
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { idTime } of candidates) {
    first = Math.min(first, idTime);
    last = Math.max(last, idTime);
  }
  return {
    rows: encodeEventRows(device, prepareRows(candidates)),
    indexes: candidates.map(indexOf),
    rejected,
    days: { first, last },
  };
}

function indexOf(candidate: CandidateEvent): number {
  return candidate.index;
}

function day(ms: number): string {
  return new Date(Math.floor(ms / dayMs) * dayMs).toISOString().slice(0, 10);
}

async function storeWithPartitions(
  pool: pg.Pool,
  device: IngestDevice,
  rows: EncodedRows,
  days: DayRange,
): Promise<StoreOutcome> {
  const client = await pool.connect().catch((error: unknown) => {
    // Whatever stopped a connection (refused, shutting down, too many clients, timed out).
    throw new StorageUnavailableError(error);
  });
  let broken = false;
  try {
    try {
      return await storeEvents(client, device, rows);
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
    }
    // An allowed day without its partition (an old event after a quiet spell, or the worker
    // behind): create the days this body needs, then try once more.
    await ensurePartitions(client, days);
    return await storeEvents(client, device, rows);
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    broken = isConnectionLost(error);
    throw broken || isTransient(error) ? new StorageUnavailableError(error) : error;
  } finally {
    client.release(broken);
  }
}

async function ensurePartitions(client: pg.PoolClient, days: DayRange): Promise<void> {
  // Another edge may create the same day at the same moment; its partition serves as well.
  await client
    .query('SELECT audit.ensure_event_partitions($1::date, $2::date)', [
      day(days.first),
      day(days.last),
    ])
    .catch((error: unknown) => {
      if (isConnectionLost(error)) throw error;
    });
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isMissingPartition(error: unknown): boolean {
  return (
    sqlState(error) === '23514' &&
    error instanceof Error &&
    error.message.includes('no partition of relation')
  );
}

/** Postgres out of resources, shutting down, or asking for the transaction to be retried. */
function isTransient(error: unknown): boolean {
  return /^(40|53|57)/.test(sqlState(error) ?? '');
}

/** A failure that may have left the connection unusable (not an SQL error of Postgres's). */
function isConnectionLost(error: unknown): boolean {
  const state = sqlState(error);
  if (state === undefined || !/^[0-9A-Z]{5}$/.test(state)) return true;
  return state.startsWith('08') || state.startsWith('57P');
}
