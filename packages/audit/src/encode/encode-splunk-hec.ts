import type { z } from 'zod';
import type { splunkHecDestinationSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import type { EncodeContext, HttpRequestSpec } from './encode-batch';
import { encodePayload } from './encode-payload';
import { encodeWithinLimit } from './encode-within-limit';
import { packBySize } from './pack-by-size';

type SplunkHecConfig = z.output<typeof splunkHecDestinationSchema>;

/**
 * HEC's `max_content_length` was 1,000,000 bytes before Splunk 8.x raised the default to
 * 800 MB, and many deployments still run the old limit: a request stays within it.
 */
export const SPLUNK_HEC_MAX_REQUEST_BYTES = 1_000_000;

/** The record's time as HEC wants it: epoch seconds, milliseconds as the fraction. */
export function hecTime(isoTime: string): number {
  return Date.parse(isoTime) / 1000;
}

function recordTime(record: ExportRecord): string {
  return record.kind === 'admin' ? record.time : record.event.time;
}

/**
 * HEC event objects, one per line, batched by concatenation as Splunk's "Format events for
 * HTTP Event Collector" describes, split into requests of at most SPLUNK_HEC_MAX_REQUEST_BYTES.
 */
export function encodeSplunkHec(
  config: SplunkHecConfig,
  records: ExportRecord[],
  context: EncodeContext,
): HttpRequestSpec[] {
  const encodeOne = (record: ExportRecord) =>
    JSON.stringify({
      time: hecTime(recordTime(record)),
      host: context.hostname,
      ...(config.source !== undefined ? { source: config.source } : {}),
      sourcetype: config.sourcetype,
      ...(config.index !== undefined ? { index: config.index } : {}),
      event: encodePayload(record, config.format, context),
    });
  const lines = records.map((record) =>
    encodeWithinLimit(record, encodeOne, SPLUNK_HEC_MAX_REQUEST_BYTES),
  );
  return packBySize(lines, {
    maxBytes: SPLUNK_HEC_MAX_REQUEST_BYTES,
    separatorBytes: 1,
    envelopeBytes: 0,
  }).map((group) => ({
    path: '/services/collector/event',
    headers: { 'content-type': 'application/json', authorization: `Splunk ${config.token}` },
    body: group.map((line) => line.text).join('\n'),
    recordCount: group.length,
  }));
}
