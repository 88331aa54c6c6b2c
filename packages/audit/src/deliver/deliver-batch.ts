import type { DestinationConfig } from '../destinations/destination-schemas';
import { type EncodeContext, encodeBatch } from '../encode/encode-batch';
import type { ExportRecord } from '../event/export-record';
import { deliverEncodedBatch } from './deliver-encoded-batch';
import type { DeliveryOutcome } from './delivery-outcome';
import type { DestinationNetworkPolicy } from './destination-network-policy';

/**
 * Encodes records for a destination and sends them (the worker's turn and the console's "Send
 * test event" both come here). An encoder that throws is a record the format cannot carry,
 * shown as a refusal rather than retried quickly forever.
 */
export async function deliverBatch({
  config,
  records,
  network,
  context,
  timeoutMs,
  signal,
}: {
  config: DestinationConfig;
  records: ExportRecord[];
  network: DestinationNetworkPolicy;
  context: EncodeContext;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<DeliveryOutcome> {
  let encoded: ReturnType<typeof encodeBatch>;
  const started = performance.now();
  try {
    encoded = encodeBatch(config, records, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'rejected',
      error: `the records could not be encoded: ${message.slice(0, 300)}`,
      durationMs: Math.round(performance.now() - started),
    };
  }
  return deliverEncodedBatch({
    config,
    encoded,
    network,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(signal ? { signal } : {}),
  });
}
