import type { ChainStatus } from '../event/export-record';

/** What the server knows of the device that sent a body: its facts, not the events' claims. */
export type IngestDevice = {
  id: string;
  orgId: string;
  personId: string | null;
  groups: readonly string[];
};

/** Why an event was refused (docs/audit.md, "Ingestion"); a refusal is final. */
export type RejectReason =
  | 'invalid'
  | 'wrong_device'
  | 'time_mismatch'
  | 'too_old'
  | 'too_new'
  | 'duplicate_in_request';

export type RejectedEvent = {
  /** The event's position in the body. */
  index: number;
  /** Its id when it had a readable one. */
  id: string | null;
  reason: RejectReason;
  message: string;
};

/** The answer to a body: every event is in exactly one of the two lists. */
export type IngestResult = {
  /** Stored by this call or already stored before it, in body order. */
  accepted: string[];
  rejected: RejectedEvent[];
  /** How many accepted ids were stored already (retries), for the edge's metrics. */
  duplicates: number;
};

/**
 * An entry of a body that could not be read as JSON (one bad NDJSON line): it takes its place
 * in `events` so that it is rejected at its own index while the other lines are stored.
 */
export class UnreadableEvent {
  constructor(readonly message: string) {}
}

/** A checked event waiting to be stored. */
export type CandidateEvent = {
  index: number;
  id: string;
  /** The event as parsed from the body: stored as `body` and hashed as it is. */
  raw: Record<string, unknown>;
  /** Milliseconds of the id's UUIDv7 time (which decides its partition). */
  idTime: number;
  timeMs: number;
};

/** A candidate with what the chain check said of it. */
export type ChainedEvent = CandidateEvent & { hash: string; chain: ChainStatus };

/**
 * The database could not take the body now (down, restarting, out of connections, a conflict to
 * retry): nothing of it was stored, and the device should send it again later.
 */
export class StorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`audit events not stored: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}
