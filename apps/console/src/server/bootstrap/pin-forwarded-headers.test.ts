import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pinForwardedHeaders } from './pin-forwarded-headers';

// A real HTTP server on loopback with the console's header guard in front: what the console
// (Next.js) is handed, for what a client sends. The client connects from 127.0.0.1.
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function seenBehind(trustedProxies: string[], headers: Record<string, string>) {
  server = createServer((request, response) => {
    pinForwardedHeaders({ request, trustedProxies });
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        for: request.headers['x-forwarded-for'] ?? null,
        host: request.headers['x-forwarded-host'] ?? null,
        proto: request.headers['x-forwarded-proto'] ?? null,
      }),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return response.json();
}

const forged = {
  'x-forwarded-for': '6.6.6.6',
  'x-forwarded-host': 'attacker.example',
  'x-forwarded-proto': 'https',
};

describe('pinForwardedHeaders', () => {
  it('replaces what a client forged with what the socket says, when no proxy is trusted', async () => {
    expect(await seenBehind([], forged)).toEqual({ for: '127.0.0.1', host: null, proto: null });
  });

  it('ignores the headers of a peer that is not a trusted proxy', async () => {
    expect(await seenBehind(['10.0.0.0/8'], forged)).toEqual({
      for: '127.0.0.1',
      host: null,
      proto: null,
    });
  });

  it('takes the client address and the original host from a trusted proxy', async () => {
    expect(
      await seenBehind(['127.0.0.1'], { ...forged, 'x-forwarded-for': '6.6.6.6, 198.51.100.7' }),
    ).toEqual({ for: '198.51.100.7', host: 'attacker.example', proto: 'https' });
  });
});
