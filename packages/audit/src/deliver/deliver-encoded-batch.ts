import type { DestinationConfig } from '../destinations/destination-schemas';
import { classifyHttpAnswer } from './classify-http-answer';
import { type DeliveryOutcome, describeDeliveryError } from './delivery-outcome';
import type { DestinationNetworkPolicy } from './destination-network-policy';
import { destinationTarget } from './destination-target';
import { resolveDestinationHost } from './resolve-destination-host';
import { sendHttpRequest } from './send-http-request';
import { sendSyslogFrames } from './send-syslog-frames';

/** One HTTP request of a batch, as the encoders make it. */
export type EncodedHttpRequest = {
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
  recordCount: number;
};

export type EncodedRequests =
  | { transport: 'http'; requests: readonly EncodedHttpRequest[] }
  | { transport: 'syslog'; frames: readonly string[] };

export const DEFAULT_DELIVERY_TIMEOUT_MS = 15_000;

/** Certificate problems will not pass on a retry in a second; they are the setup's to fix. */
const certificateErrors =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_CERT|HOSTNAME_MISMATCH)/;

/**
 * Sends an encoded batch: resolves and checks the destination's address first (refusals are
 * `rejected`), then every request in turn, or every syslog frame over one connection, within
 * one deadline. The batch counts as delivered only when every request was accepted; a batch the
 * encoders split (Datadog's limits) is resent whole after a failure part-way.
 */
export async function deliverEncodedBatch({
  config,
  encoded,
  network,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
  signal,
}: {
  config: DestinationConfig;
  encoded: EncodedRequests;
  network: DestinationNetworkPolicy;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = destinationTarget(config);
  if (!target.ok) return { outcome: 'rejected', error: target.message, durationMs: elapsed() };
  const resolved = await resolveDestinationHost({
    host: target.host,
    policy: network,
    plain: target.plain,
  });
  if (!resolved.ok) {
    // A name that does not resolve may be DNS having a bad minute; a refused address is policy.
    const outcome = resolved.message.startsWith('could not resolve') ? 'retry' : 'rejected';
    return { outcome, error: resolved.message, durationMs: elapsed() };
  }
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([deadline, signal]) : deadline;
  let lastStatus: number | undefined;
  try {
    if (encoded.transport === 'syslog') {
      if (config.type !== 'syslog') throw new Error('syslog frames for a non-syslog destination');
      await sendSyslogFrames({
        host: config.host,
        port: config.port,
        transport: config.transport,
        ...(config.caPem ? { caPem: config.caPem } : {}),
        addresses: resolved.addresses,
        frames: encoded.frames,
        signal: combined,
      });
      return { outcome: 'delivered', durationMs: elapsed() };
    }
    if (config.type === 'syslog') throw new Error('HTTP requests for a syslog destination');
    for (const request of encoded.requests) {
      const answer = await sendHttpRequest({
        url: requestUrl(config.url, request.path),
        addresses: resolved.addresses,
        policy: network,
        headers: request.headers,
        body: request.body,
        signal: combined,
      });
      lastStatus = answer.status;
      const verdict = classifyHttpAnswer(config.type, answer);
      if (verdict.outcome !== 'delivered') {
        return {
          ...verdict,
          error: describeDeliveryError(verdict.error, config),
          status: answer.status,
          durationMs: elapsed(),
        };
      }
    }
    return {
      outcome: 'delivered',
      ...(lastStatus !== undefined ? { status: lastStatus } : {}),
      durationMs: elapsed(),
    };
  } catch (error) {
    return failureOutcome({ error, config, deadline, durationMs: elapsed(), timeoutMs });
  }
}

function failureOutcome({
  error,
  config,
  deadline,
  durationMs,
  timeoutMs,
}: {
  error: unknown;
  config: DestinationConfig;
  deadline: AbortSignal;
  durationMs: number;
  timeoutMs: number;
}): DeliveryOutcome {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (deadline.aborted) {
    return { outcome: 'retry', error: `no answer within ${timeoutMs} ms`, durationMs };
  }
  if (certificateErrors.test(code)) {
    return {
      outcome: 'rejected',
      error: describeDeliveryError(`TLS certificate refused (${code}): ${message}`, config),
      durationMs,
    };
  }
  return {
    outcome: 'retry',
    error: describeDeliveryError(code ? `${code}: ${message}` : message, config),
    durationMs,
  };
}

/** The request's path appended to the configured URL's own path (a proxy prefix stays). */
export function requestUrl(base: string, path: string): URL {
  const url = new URL(base);
  if (path === '' || path === '/') return url;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  return url;
}
