import { connect, type Socket } from 'node:net';

// One client process of `pnpm bench:propagation`: holds a long-poll open for each device it is
// given (its own keep-alive TCP connection each, from its own loopback address), re-polls on
// 304, and records the moment each device has received, whole, a bundle newer than the one it
// holds. Started by run.ts with `fork`.
//
// It speaks HTTP/1.1 over plain sockets (a request written once per poll, the response's status
// line, headers and Content-Length read by hand) rather than through node:http's client: on one
// 2-CPU machine the clients share the CPUs with the edge they measure, and the lighter they are,
// the less the figure is the client's own cost. Arrivals go to the parent in batches: each
// carries the time it was observed, so batching changes no figure.

type Device = { device: string; accessToken: string };
type Start = {
  kind: 'start';
  edgeUrl: string;
  etag: string;
  waitSeconds: number;
  localAddress: string;
  devices: Device[];
};
type Arrival = { device: string; status: number; at: number; ver: number; bytes: number };

const now = () => performance.timeOrigin + performance.now();
const HEADER_END = Buffer.from('\r\n\r\n');

process.on('message', (message: Start) => {
  if (message.kind !== 'start') return;
  const url = new URL(message.edgeUrl);
  const port = Number(url.port);
  const pending: Arrival[] = [];
  const flush = setInterval(() => {
    if (pending.length > 0) process.send?.({ kind: 'arrivals', arrivals: pending.splice(0) });
  }, 20);
  flush.unref();
  for (const device of message.devices) {
    const request = Buffer.from(
      `GET /v1/bundle HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${device.accessToken}\r\n` +
        `If-None-Match: ${message.etag}\r\nPrefer: wait=${message.waitSeconds}\r\n\r\n`,
    );
    const socket = connect({ host: url.hostname, port, localAddress: message.localAddress });
    socket.setNoDelay(true);
    socket.once('connect', () => socket.write(request));
    readResponses(socket, (status, headers, bodyBytes) => {
      if (status === 304) {
        socket.write(request);
        return;
      }
      pending.push({
        device: device.device,
        status,
        at: now(),
        ver: Number(/parapet-bundle-ver: *(\d+)/i.exec(headers)?.[1] ?? 0),
        bytes: bodyBytes,
      });
      socket.end();
    });
    socket.on('error', (error) =>
      process.send?.({ kind: 'error', device: device.device, message: error.message }),
    );
  }
  process.send?.({ kind: 'opened', count: message.devices.length });
});

/** Calls `onResponse` for each whole HTTP/1.1 response (Content-Length framed) on `socket`. */
function readResponses(
  socket: Socket,
  onResponse: (status: number, headers: string, bodyBytes: number) => void,
): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf(HEADER_END);
      if (end < 0) return;
      const headers = buffered.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
      const total = end + HEADER_END.length + length;
      if (buffered.length < total) return;
      const status = Number(headers.slice(9, 12));
      buffered = buffered.subarray(total);
      onResponse(status, headers, length);
    }
  });
}
