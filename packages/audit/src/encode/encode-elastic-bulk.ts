import type { z } from 'zod';
import type { elasticDestinationSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import type { EncodeContext, HttpRequestSpec } from './encode-batch';
import { encodeEcs } from './encode-ecs';
import { encodeOcsf } from './encode-ocsf';
import { encodeWithinLimit } from './encode-within-limit';
import { packBySize } from './pack-by-size';

type ElasticConfig = z.output<typeof elasticDestinationSchema>;

/**
 * Elastic advises bulk requests of a few megabytes (far below http.max_content_length, 100 MB
 * by default): a request stays within 5,000,000 bytes.
 */
export const ELASTIC_BULK_MAX_REQUEST_BYTES = 5_000_000;

function recordId(record: ExportRecord): string {
  return record.kind === 'admin' ? record.id : record.event.id;
}

/**
 * The document for one record. An OCSF event gets `@timestamp` beside its own `time`: a data
 * stream refuses a document without it, and index templates and Kibana sort on it.
 */
function elasticDocument(record: ExportRecord, config: ElasticConfig, context: EncodeContext) {
  if (config.format !== 'ocsf') return encodeEcs(record, context);
  const time = record.kind === 'admin' ? record.time : record.event.time;
  return { '@timestamp': time, ...encodeOcsf(record, context) };
}

/** `Authorization` for the configured credentials: an API key as Elastic encodes it, or Basic. */
export function elasticAuthorization(config: ElasticConfig): string {
  if (config.apiKey !== undefined) return `ApiKey ${config.apiKey}`;
  const pair = `${config.username ?? ''}:${config.password ?? ''}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * NDJSON for `_bulk`: per record a `create` action with `_id` = the record's id, then its
 * document, every line ending in a newline (the API requires the last one too). `create` with
 * a fixed id makes a resent batch harmless: the copy is refused with 409 and stored once; it
 * is also the only operation data streams accept.
 */
export function encodeElasticBulk(
  config: ElasticConfig,
  records: ExportRecord[],
  context: EncodeContext,
): HttpRequestSpec[] {
  const encodeOne = (record: ExportRecord) => {
    const action = JSON.stringify({ create: { _index: config.index, _id: recordId(record) } });
    const document = elasticDocument(record, config, context);
    return `${action}\n${JSON.stringify(document)}\n`;
  };
  const items = records.map((record) =>
    encodeWithinLimit(record, encodeOne, ELASTIC_BULK_MAX_REQUEST_BYTES),
  );
  return packBySize(items, {
    maxBytes: ELASTIC_BULK_MAX_REQUEST_BYTES,
    separatorBytes: 0,
    envelopeBytes: 0,
  }).map((group) => ({
    path: '/_bulk',
    headers: {
      'content-type': 'application/x-ndjson',
      authorization: elasticAuthorization(config),
    },
    body: group.map((item) => item.text).join(''),
    recordCount: group.length,
  }));
}
