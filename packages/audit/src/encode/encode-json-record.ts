import type { AuditEvent } from '../event/audit-event-schema';
import type { AdminRecord, ChainStatus, ExportRecord } from '../event/export-record';

/** A device's decision as Parapet exports it: the event exactly as sent, then the server's facts. */
export type JsonDecisionRecord = AuditEvent & {
  kind: 'decision';
  org: string;
  person: string | null;
  groups: string[];
  receivedAt: string;
  chain: ChainStatus;
  hash: string;
};

/** An admin-activity entry as Parapet exports it. */
export type JsonAdminRecord = {
  kind: 'admin';
  id: string;
  org: string;
  seq: number;
  time: string;
  actor: { userId: string | null; email: string | null };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  hash: string;
  prevHash: string;
};

export type JsonRecord = JsonDecisionRecord | JsonAdminRecord;

/**
 * Parapet's own record (`json` format), the base the other formats build on. `kind` comes first
 * so a receiver can route on it before reading the rest; the event's own fields follow untouched,
 * so `hash` can be checked against them with hashAuditEvent.
 */
export function encodeJsonRecord(record: ExportRecord): JsonRecord {
  if (record.kind === 'admin') return encodeAdminRecord(record);
  return {
    kind: 'decision',
    ...record.event,
    org: record.orgId,
    person: record.personId,
    groups: record.groups,
    receivedAt: record.receivedAt,
    chain: record.chain,
    hash: record.hash,
  };
}

function encodeAdminRecord(record: AdminRecord): JsonAdminRecord {
  return {
    kind: 'admin',
    id: record.id,
    org: record.orgId,
    seq: record.seq,
    time: record.time,
    actor: { userId: record.actorUserId, email: record.actorEmail },
    action: record.action,
    target: record.target,
    details: record.details,
    ip: record.ip,
    hash: record.hash,
    prevHash: record.prevHash,
  };
}
