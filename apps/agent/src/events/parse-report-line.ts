import { type AuditEvent, auditEventSchema, GENESIS_PREV } from '@parapet/audit';
import { z } from 'zod';
import { uuidV7 } from './uuid-v7';

/** What an enforcement point reports: an event without what the agent stamps. */
export type ReportedEvent = Omit<AuditEvent, 'id' | 'device' | 'seq' | 'prev'>;

/** An event ready to stamp: everything but its place in the device's chain. */
export type UnchainedEvent = Omit<AuditEvent, 'seq' | 'prev'>;

export type ParsedLine =
  | { readonly ok: true; readonly event: UnchainedEvent }
  | { readonly ok: false; readonly message: string };

/** A decision is a few hundred bytes; a line far past that is not one, so it is not read whole. */
export const MAX_LINE_BYTES = 64 * 1024;

const STAMPED_FIELDS = ['id', 'device', 'seq', 'prev'] as const;

/** Any ISO 8601 instant with an offset; the wire form (UTC, milliseconds) is made from it. */
const reportedTimeSchema = z.iso.datetime({ offset: true });

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      return `${where}${issue.message}`;
    })
    .join('; ');
}

/**
 * Reads one NDJSON line of `parapet-agent report` and checks it against the event contract
 * (docs/audit.md, "The event") with the fields the agent adds filled in, so a line that passes
 * here is an event the edge accepts. `time` defaults to `now`; the id is made from the event's
 * time, because the edge refuses an id whose time is more than a day from `time`.
 */
export function parseReportLine(
  line: string,
  context: { device: string; now: Date; random?: Uint8Array },
): ParsedLine {
  if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) {
    return { ok: false, message: `longer than ${MAX_LINE_BYTES} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, message: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'not a JSON object' };
  }
  const reported = value as Record<string, unknown>;
  const stamped = STAMPED_FIELDS.filter((field) => field in reported);
  if (stamped.length > 0) {
    return { ok: false, message: `${stamped.join(', ')}: stamped by the agent, leave it out` };
  }
  let time = context.now.toISOString();
  if (reported.time !== undefined) {
    const parsedTime = reportedTimeSchema.safeParse(reported.time);
    if (!parsedTime.success) {
      return { ok: false, message: 'time: must be an ISO 8601 instant with an offset' };
    }
    time = new Date(parsedTime.data).toISOString();
  }
  const id = uuidV7(Date.parse(time), context.random);
  const candidate = { ...reported, id, time, device: context.device, seq: 1, prev: GENESIS_PREV };
  const parsed = auditEventSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const { seq: _seq, prev: _prev, ...event } = parsed.data;
  return { ok: true, event };
}
