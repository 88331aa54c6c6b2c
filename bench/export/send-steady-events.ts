import { request as httpRequest } from 'node:http';
import { GENESIS_PREV, hashAuditEvent } from '@parapet/audit';
import type { EnrolledDevice } from '../shared/start-bench-fleet';

export type SteadyLoadResult = {
  /** Events the edge acknowledged (stored) with 200. */
  acknowledged: Set<string>;
  sentPerSecond: number;
  failedRequests: number;
};

/** A UUIDv7 for `ms` with random tail bits. */
function uuidV7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  const random = crypto.getRandomValues(new Uint8Array(10));
  const tail = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const variant = ((Number.parseInt(tail.slice(4, 5), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${tail.slice(1, 4)}-${variant}${tail.slice(5, 8)}-${tail.slice(8, 20)}`;
}

const hosts = ['api.github.com', 'registry.npmjs.org', 'pastebin.com', 'files.example.net'];

/**
 * Uploads events at a steady rate for `seconds`: every tick each device posts one batch to
 * POST /v1/events, its events stamped (id, time, seq, prev) just before the upload, as
 * parapet-agent does. The rate is what the fleet offers, not what the edge manages: a request
 * still running when its device's next tick comes delays that device only.
 */
export async function sendSteadyEvents({
  edgeUrl,
  devices,
  eventsPerSecond,
  seconds,
  ticksPerSecond = 1,
}: {
  edgeUrl: string;
  devices: EnrolledDevice[];
  eventsPerSecond: number;
  seconds: number;
  ticksPerSecond?: number;
}): Promise<SteadyLoadResult> {
  const perBatch = Math.max(1, Math.round(eventsPerSecond / ticksPerSecond / devices.length));
  const acknowledged = new Set<string>();
  let failedRequests = 0;
  let sent = 0;
  const chains = devices.map(() => ({ seq: 0, prev: GENESIS_PREV }));
  const started = Date.now();
  const tickMs = 1000 / ticksPerSecond;
  await Promise.all(
    devices.map(async (device, index) => {
      const chain = chains[index] as { seq: number; prev: string };
      for (let tick = 0; tick < seconds * ticksPerSecond; tick++) {
        const due = started + tick * tickMs + (index * tickMs) / devices.length;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const now = Date.now();
        const events = [];
        for (let n = 0; n < perBatch; n++) {
          chain.seq += 1;
          const event = {
            id: uuidV7(now),
            time: new Date(now).toISOString(),
            device: device.device,
            surface: 'network',
            action: 'connect',
            resource: { host: hosts[chain.seq % hosts.length], port: 443 },
            decision: chain.seq % 7 === 0 ? 'deny' : 'allow',
            mode: 'enforce',
            rule: { id: 'bench', layer: 'baseline' },
            ver: 1,
            seq: chain.seq,
            prev: chain.prev,
          };
          chain.prev = hashAuditEvent(event);
          events.push(event);
        }
        sent += events.length;
        const status = await postEvents(edgeUrl, device.accessToken, JSON.stringify(events));
        if (status === 200) for (const event of events) acknowledged.add(event.id);
        else failedRequests++;
      }
    }),
  );
  return { acknowledged, sentPerSecond: sent / ((Date.now() - started) / 1000), failedRequests };
}

function postEvents(edgeUrl: string, accessToken: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const request = httpRequest(
      `${edgeUrl}/v1/events`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    request.end(body);
  });
}
