import type { z } from 'zod';
import type { datadogDestinationSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import { resourceLabel } from '../event/resource-label';
import { recordSeverity } from './classify-record';
import type { EncodeContext, HttpRequestSpec } from './encode-batch';
import { encodePayload } from './encode-payload';
import { encodeWithinLimit } from './encode-within-limit';
import { packBySize } from './pack-by-size';

type DatadogConfig = z.output<typeof datadogDestinationSchema>;

// Datadog's "Send logs" (POST /api/v2/logs) limits per request: 5 MB uncompressed, 1,000
// entries, 1 MB per entry (a larger entry is accepted and cut by Datadog). MB is read as
// 1,000,000 bytes, the smaller reading, so no reading of the limit is exceeded.
export const DATADOG_MAX_REQUEST_BYTES = 5_000_000;
export const DATADOG_MAX_ENTRIES = 1000;
export const DATADOG_MAX_ENTRY_BYTES = 1_000_000;

const statuses = { 4: 'warning', 5: 'notice', 6: 'info' } as const;

function recordTags(record: ExportRecord): string[] {
  if (record.kind === 'admin') return ['kind:admin'];
  const event = record.event;
  return [
    'kind:decision',
    `decision:${event.decision}`,
    `mode:${event.mode}`,
    `surface:${event.surface}`,
  ];
}

/** A one-line summary for the log list; the record itself is in the entry's attributes. */
function summary(record: ExportRecord): string {
  if (record.kind === 'admin') {
    const actor = record.actorEmail ?? record.actorUserId ?? 'unknown actor';
    return `${record.action}${record.target !== null ? ` ${record.target}` : ''} by ${actor}`;
  }
  const event = record.event;
  const mode = event.mode === 'audit' ? ' (audit mode)' : '';
  return `${event.decision} ${event.surface} ${event.action} ${resourceLabel(event)}${mode}`;
}

/**
 * A JSON array of log entries: Datadog's reserved keys, a summary as `message`, and the record
 * in the chosen format as one nested attribute (`parapet` or `ocsf`). Nested, its `status`,
 * `message` and `severity` fields are not taken for the log's own (OCSF's "Failure" would read
 * as an emergency to Datadog's status remapper). No `timestamp` is set: Datadog drops entries dated more
 * than 18 hours back, and a destination catching up after an outage must not lose its backlog,
 * so the log date is the intake time and the event's own time is in the attributes.
 */
export function encodeDatadog(
  config: DatadogConfig,
  records: ExportRecord[],
  context: EncodeContext,
): HttpRequestSpec[] {
  const encodeOne = (record: ExportRecord) =>
    JSON.stringify({
      ddsource: config.ddsource,
      ddtags: [...config.tags, ...recordTags(record)].join(','),
      hostname: context.hostname,
      service: config.service,
      status: statuses[recordSeverity(record)],
      message: summary(record),
      [config.format === 'ocsf' ? 'ocsf' : 'parapet']: encodePayload(
        record,
        config.format,
        context,
      ),
    });
  const entries = records.map((record) =>
    encodeWithinLimit(record, encodeOne, DATADOG_MAX_ENTRY_BYTES),
  );
  return packBySize(entries, {
    maxBytes: DATADOG_MAX_REQUEST_BYTES,
    maxCount: DATADOG_MAX_ENTRIES,
    separatorBytes: 1,
    envelopeBytes: 2,
  }).map((group) => ({
    path: '/api/v2/logs',
    headers: { 'content-type': 'application/json', 'dd-api-key': config.apiKey },
    body: `[${group.map((entry) => entry.text).join(',')}]`,
    recordCount: group.length,
  }));
}
