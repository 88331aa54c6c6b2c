import { hash } from 'node:crypto';
import type { AuditEvent } from '../event/audit-event-schema';
import { canonicalEventJson } from '../event/canonical-event-json';
import { resourceLabel } from '../event/resource-label';
import type { CandidateEvent } from './ingest-types';

/** What one event's row holds besides the device's facts and its chain flag. */
export type PreparedRow = {
  id: string;
  seq: number;
  prev: string;
  hash: string;
  /** The event's `time` in milliseconds, as checkEvents read it. */
  timeMs: number;
  surface: string;
  action: string;
  decision: string;
  mode: string;
  resource: string;
  ruleId: string | null;
  ruleLayer: string | null;
  ver: number | null;
  /** The event as parsed from the body, as canonical JSON text (what its hash is over). */
  body: string;
};

/**
 * The rows of checked events, computed before a connection is taken: hashing and serialising a
 * thousand events is the CPU-heavy part, and a transaction should not hold its connection (or
 * its device's lock) while it runs.
 */
export function prepareRows(candidates: readonly CandidateEvent[]): PreparedRow[] {
  // A function of the module, not an arrow made per call: V8 optimized such an arrow again for
  // every body (a TurboFan compile per body), where one function is compiled once.
  return candidates.map(prepareRow);
}

function prepareRow(candidate: CandidateEvent): PreparedRow {
  const event = candidate.raw as AuditEvent;
  // The same text serves as hash input and as the stored body (a json column, kept byte for
  // byte): hashAuditEvent's result, one serialisation instead of two.
  const canonical = canonicalEventJson(candidate.raw as Record<string, unknown>);
  return {
    id: candidate.id,
    seq: event.seq,
    prev: event.prev,
    // One-shot hash: no Hash object per event (half the cost for texts this small).
    hash: hash('sha256', canonical, 'hex'),
    timeMs: candidate.timeMs,
    surface: event.surface,
    action: event.action,
    decision: event.decision,
    mode: event.mode,
    resource: resourceLabel(event),
    ruleId: event.rule?.id ?? null,
    ruleLayer: event.rule?.layer ?? null,
    ver: event.ver ?? null,
    body: canonical,
  };
}
