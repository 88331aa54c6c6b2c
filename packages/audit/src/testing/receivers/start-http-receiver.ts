import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** How a test receiver answers: normally, with a failure status, or not at all (port closed). */
export type ReceiverMode =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number; body?: string }
  | { kind: 'down' };

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as it arrived, gunzipped when Content-Encoding said gzip. */
  body: Buffer;
  status: number;
};

/** The protocol's own answer to a well-formed request, or the reason it is malformed. */
export type ReceiverAnswer =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { violation: string; status: number; body: unknown };

export type HttpReceiver = {
  /** The base URL to configure a destination with (http://127.0.0.1:<port>). */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Every way a request broke the wire format, with its request's path. */
  violations: string[];
  /** How many times each record id arrived (in accepted requests only). */
  idCounts: Map<string, number>;
  setMode: (mode: ReceiverMode) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A local HTTP server standing in for a SIEM's intake: it answers like the real service
 * (`handle`), records every request, collects wire-format violations (a test expects none), and
 * can be told to fail (503, 429 with Retry-After) or to go down entirely (its port refuses
 * connections) and come back on the same port.
 */
export async function startHttpReceiver({
  handle,
}: {
  handle: (request: {
    method: string;
    path: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
  }) => {
    answer: ReceiverAnswer;
    ids?: string[];
  };
}): Promise<HttpReceiver> {
  let mode: ReceiverMode = { kind: 'ok' };
  const requests: ReceivedRequest[] = [];
  const violations: string[] = [];
  const idCounts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      const path = request.url ?? '/';
      const record = (status: number) =>
        requests.push({
          method: request.method ?? '',
          path,
          headers: request.headers,
          body,
          status,
        });
      if (mode.kind === 'fail') {
        record(mode.status);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (mode.retryAfterSeconds !== undefined)
          headers['retry-after'] = String(mode.retryAfterSeconds);
        response.writeHead(mode.status, headers).end(mode.body ?? '{"error":"unavailable"}');
        return;
      }
      if (request.headers['content-encoding'] === 'gzip') {
        try {
          body = gunzipSync(body);
        } catch {
          violations.push(`${path}: Content-Encoding gzip but the body is not gzip`);
        }
      }
      const { answer, ids } = handle({
        method: request.method ?? '',
        path,
        headers: request.headers,
        body,
      });
      if ('violation' in answer) violations.push(`${path}: ${answer.violation}`);
      else for (const id of ids ?? []) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
      record(answer.status);
      response
        .writeHead(answer.status, {
          'content-type': 'application/json',
          ...('headers' in answer ? answer.headers : {}),
        })
        .end(JSON.stringify(answer.body));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    violations,
    idCounts,
    setMode: async (next) => {
      const wasDown = mode.kind === 'down';
      mode = next;
      if (next.kind === 'down' && !wasDown) await stopListening();
      if (next.kind !== 'down' && wasDown) await listen(port);
    },
    close: stopListening,
  };
}

/** The id a destination's record carries, whatever the format: Parapet's json, OCSF or ECS. */
export function recordIdOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const object = entry as Record<string, unknown>;
  if (typeof object.id === 'string') return object.id;
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (typeof metadata?.uid === 'string') return metadata.uid;
  const event = object.event as Record<string, unknown> | undefined;
  if (typeof event?.id === 'string') return event.id;
  return undefined;
}
