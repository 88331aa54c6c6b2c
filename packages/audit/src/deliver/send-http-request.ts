import http from 'node:http';
import https from 'node:https';
import type { DestinationNetworkPolicy } from './destination-network-policy';
import { connectLookup } from './resolve-destination-host';

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A receiver's answer beyond this is cut: enough for an Elastic _bulk answer of 10,000 items. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

// One keep-alive agent pair per policy: pooled sockets were checked when they connected, and a
// test (or a settings change) with another policy must not reuse a socket checked under the old.
const agentsByPolicy = new WeakMap<
  DestinationNetworkPolicy,
  { http: http.Agent; https: https.Agent }
>();

function agentsFor(policy: DestinationNetworkPolicy) {
  let agents = agentsByPolicy.get(policy);
  if (!agents) {
    const options = { keepAlive: true, maxSockets: 8, keepAliveMsecs: 10_000 };
    agents = { http: new http.Agent(options), https: new https.Agent(options) };
    agentsByPolicy.set(policy, agents);
  }
  return agents;
}

/**
 * POSTs one request to `url`, connecting only to `addresses` (already checked), verifying the
 * certificate for https, following no redirect. Rejects on network errors and on `signal`.
 */
export function sendHttpRequest({
  url,
  addresses,
  policy,
  headers,
  body,
  signal,
}: {
  url: URL;
  addresses: { address: string; family: 4 | 6 }[];
  policy: DestinationNetworkPolicy;
  headers: Record<string, string>;
  body: string | Buffer;
  signal: AbortSignal;
}): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:';
  const agents = agentsFor(policy);
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': String(payload.length) },
        lookup: connectLookup(addresses) as never,
        signal,
        ...(secure ? { rejectUnauthorized: true } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          size += chunk.length;
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
