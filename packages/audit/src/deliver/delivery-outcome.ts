import { type DestinationConfig, secretFieldsByType } from '../destinations/destination-schemas';

/** What one attempt to deliver a batch came to; the worker moves the cursor only on `delivered`. */
export type DeliveryOutcome =
  | { outcome: 'delivered'; status?: number; durationMs: number }
  /** 429, 5xx, timeouts and network errors: the receiver may take it later. */
  | {
      outcome: 'retry';
      error: string;
      status?: number;
      retryAfterMs?: number;
      durationMs: number;
    }
  /** Other 4xx (and refused addresses or certificates): the receiver refuses the configuration. */
  | { outcome: 'rejected'; error: string; status?: number; durationMs: number };

const MAX_ERROR_LENGTH = 500;

/**
 * An error message fit to store and show: one line, short, and without the destination's secret
 * values, in case a receiver echoes a header or a proxy quotes the request back.
 */
export function describeDeliveryError(text: string, config: DestinationConfig): string {
  let clean = text.replace(/\s+/g, ' ').trim();
  const secretFields: readonly string[] = secretFieldsByType[config.type];
  for (const field of secretFields) {
    const value = (config as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.length >= 4) clean = clean.split(value).join('[secret]');
  }
  return clean.length > MAX_ERROR_LENGTH ? `${clean.slice(0, MAX_ERROR_LENGTH - 1)}…` : clean;
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
