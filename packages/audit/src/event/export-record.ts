import type { AuditEvent } from './audit-event-schema';

/** How an event continued its device's chain when it was stored (docs/audit.md). */
export type ChainStatus = 'ok' | 'first' | 'gap' | 'break' | 'late';

/** A device's decision as stored: the event as sent, and what the server knows beside it. */
export type DecisionRecord = {
  kind: 'decision';
  event: AuditEvent;
  orgId: string;
  /** The device's person when the event was stored; null for a device without one. */
  personId: string | null;
  /** The device's policy groups when the event was stored. */
  groups: string[];
  /** ISO 8601, when the edge stored it. */
  receivedAt: string;
  chain: ChainStatus;
  /** hashAuditEvent(event). */
  hash: string;
};

/** An admin-activity entry (a publish, a role change, a key rotation…), exported as an event. */
export type AdminRecord = {
  kind: 'admin';
  /** The activity entry's id (a UUIDv7). */
  id: string;
  orgId: string;
  /** Its place in the org's hash-chained activity log. */
  seq: number;
  /** ISO 8601. */
  time: string;
  actorUserId: string | null;
  actorEmail: string | null;
  /** A lower-case identifier such as `policy.publish`. */
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  hash: string;
  prevHash: string;
};

/** What a destination receives, one per event, in the order they were stored. */
export type ExportRecord = DecisionRecord | AdminRecord;
