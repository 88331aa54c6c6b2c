import { createConnection, createServer } from 'node:net';

/** A TCP port nothing listens on right now, chosen by the operating system. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('The operating system gave no port.'));
      });
    });
  });
}

/**
 * Refuses to go on when something already listens on `host:port`: the specs would otherwise
 * run against that server (a leftover console, a developer's own) instead of a fresh one.
 */
export async function assertPortFree({ host, port }: { host: string; port: number }) {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (inUse) {
    throw new Error(
      `Something already listens on ${host}:${port}. Stop it (a console left over from an earlier run?) or set PARAPET_E2E_BASE_URL to another address.`,
    );
  }
}
