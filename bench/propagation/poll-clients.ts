import { Agent, request } from 'node:http';

// One client process of `pnpm bench:propagation`: holds a long-poll open for each device it is
// given (its own TCP connection each, from its own loopback address), re-polls on 304, and
// reports to the parent, over IPC, the moment each device receives a bundle newer than the one
// it holds. Started by run.ts with `fork`.

type Start = {
  kind: 'start';
  edgeUrl: string;
  etag: string;
  waitSeconds: number;
  localAddress: string;
  devices: { device: string; accessToken: string }[];
};

const now = () => performance.timeOrigin + performance.now();

process.on('message', (message: Start) => {
  if (message.kind !== 'start') return;
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const url = new URL('/v1/bundle', message.edgeUrl);
  let opened = 0;
  const poll = (device: { device: string; accessToken: string }) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        agent,
        localAddress: message.localAddress,
        headers: {
          Authorization: `Bearer ${device.accessToken}`,
          'If-None-Match': message.etag,
          Prefer: `wait=${message.waitSeconds}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode === 304) return poll(device);
          const at = now();
          const body = Buffer.concat(chunks).length;
          process.send?.({
            kind: 'arrival',
            device: device.device,
            status: response.statusCode,
            at,
            ver: Number(response.headers['parapet-bundle-ver'] ?? 0),
            bytes: body,
          });
        });
      },
    );
    outgoing.on('error', (error) =>
      process.send?.({ kind: 'error', device: device.device, message: error.message }),
    );
    outgoing.end();
  };
  for (const device of message.devices) {
    poll(device);
    opened += 1;
  }
  process.send?.({ kind: 'opened', count: opened });
});
