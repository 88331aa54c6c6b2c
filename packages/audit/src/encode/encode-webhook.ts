import type { z } from 'zod';
import type { webhookDestinationSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import type { EncodeContext, HttpRequestSpec } from './encode-batch';
import { encodePayload } from './encode-payload';
import { signWebhookBody } from './sign-webhook-body';

type WebhookConfig = z.output<typeof webhookDestinationSchema>;

/** One POST: a JSON array of the records, signed over the exact bytes sent. */
export function encodeWebhook(
  config: WebhookConfig,
  records: ExportRecord[],
  context: EncodeContext,
): HttpRequestSpec[] {
  if (records.length === 0) return [];
  const body = JSON.stringify(
    records.map((record) => encodePayload(record, config.format, context)),
  );
  return [
    {
      path: '',
      headers: {
        'content-type': 'application/json',
        'x-parapet-signature': signWebhookBody(body, config.secret),
      },
      body,
      recordCount: records.length,
    },
  ];
}
