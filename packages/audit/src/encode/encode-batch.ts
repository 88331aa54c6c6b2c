import type { DestinationConfig } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import { encodeDatadog } from './encode-datadog';
import { encodeElasticBulk } from './encode-elastic-bulk';
import { encodeSplunkHec } from './encode-splunk-hec';
import { encodeSyslog } from './encode-syslog';
import { encodeWebhook } from './encode-webhook';

export type EncodeContext = {
  /** The sending host's name, for syslog HOSTNAME and Splunk `host` (the worker passes os.hostname()). */
  hostname: string;
  /** Parapet's version, for CEF's Device Version and OCSF metadata.product.version. */
  productVersion: string;
};

export type HttpRequestSpec = {
  /** Appended to the destination URL's path ('' for a webhook). */
  path: string;
  /** Including content-type and the auth/signature header. */
  headers: Record<string, string>;
  body: string;
  recordCount: number;
};

export type EncodedBatch =
  | { transport: 'http'; requests: HttpRequestSpec[] }
  /** One frame per record, already octet-counted: `${utf8ByteLength(message)} ${message}`. */
  | { transport: 'syslog'; frames: string[] };

/**
 * Everything a destination receives for a batch of records, in their order. Pure: the worker
 * sends the requests (in order, each one only after the previous succeeded) or writes the frames.
 * An empty batch encodes to no requests and no frames.
 */
export function encodeBatch(
  config: DestinationConfig,
  records: ExportRecord[],
  context: EncodeContext,
): EncodedBatch {
  switch (config.type) {
    case 'webhook':
      return { transport: 'http', requests: encodeWebhook(config, records, context) };
    case 'splunk-hec':
      return { transport: 'http', requests: encodeSplunkHec(config, records, context) };
    case 'elastic':
      return { transport: 'http', requests: encodeElasticBulk(config, records, context) };
    case 'datadog':
      return { transport: 'http', requests: encodeDatadog(config, records, context) };
    case 'syslog':
      return { transport: 'syslog', frames: encodeSyslog(config, records, context) };
  }
}
