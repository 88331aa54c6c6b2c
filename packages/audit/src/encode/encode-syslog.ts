import type { z } from 'zod';
import type { syslogDestinationSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import { recordSeverity } from './classify-record';
import type { EncodeContext } from './encode-batch';
import { encodeCef } from './encode-cef';
import { encodePayload } from './encode-payload';
import { encodeWithinLimit } from './encode-within-limit';
import { formatSyslogMessage, frameOctetCounted } from './format-syslog-message';

type SyslogConfig = z.output<typeof syslogDestinationSchema>;

/**
 * Parapet's structured-data element. SD-IDs with an `@` carry an IANA private enterprise
 * number; Parapet has none registered, so it uses 32473, the number RFC 5612 reserves for
 * documentation, which no real organisation holds.
 */
export const SYSLOG_SD_ID = 'parapet@32473';

/**
 * MSG stays within 64 KiB: receivers must accept 2,048 octets and should accept 8,192 (RFC
 * 5425 §4.3.1); rsyslog's default is 8 KiB and is raised with maxMessageSize. Only an admin
 * entry's free-form details can pass this; they are then replaced by a marker.
 */
export const SYSLOG_MAX_MESSAGE_BYTES = 65_536;

/** RFC 3339 in UTC with milliseconds, or the NILVALUE for a time that does not parse. */
function syslogTimestamp(time: string): string | null {
  const milliseconds = Date.parse(time);
  return Number.isNaN(milliseconds) ? null : new Date(milliseconds).toISOString();
}

function recordId(record: ExportRecord): string {
  return record.kind === 'admin' ? record.id : record.event.id;
}

/** One octet-counted RFC 5424 frame per record, MSG in CEF, Parapet JSON or OCSF JSON. */
export function encodeSyslog(
  config: SyslogConfig,
  records: ExportRecord[],
  context: EncodeContext,
): string[] {
  const encodeMessage = (record: ExportRecord) =>
    config.format === 'cef'
      ? encodeCef(record, context)
      : JSON.stringify(encodePayload(record, config.format, context));
  return records.map((record) => {
    const message = encodeWithinLimit(record, encodeMessage, SYSLOG_MAX_MESSAGE_BYTES).text;
    return frameOctetCounted(
      formatSyslogMessage({
        facility: config.facility,
        severity: recordSeverity(record),
        timestamp: syslogTimestamp(record.kind === 'admin' ? record.time : record.event.time),
        hostname: context.hostname,
        appName: config.appName,
        procId: null,
        msgId: record.kind,
        structuredData: [
          {
            id: SYSLOG_SD_ID,
            params: [
              ['id', recordId(record)],
              ['org', record.orgId],
            ],
          },
        ],
        message,
      }),
    );
  });
}
