import { createServer, type Server } from 'node:http';
import next from 'next';
import { pinForwardedHeaders } from './pin-forwarded-headers';
import { screenRequest } from './screen-request';

export type ConsoleServer = { url: string; close: () => Promise<void> };

/**
 * Runs the Next.js console in this process behind a plain HTTP server. Owning the socket lets
 * us pin the client address: any X-Forwarded-* a client sends is replaced with what the
 * connection itself says, unless the connection comes from one of the trusted proxies (see
 * pinForwardedHeaders), so the per-address sign-in lockout cannot be dodged by forging a header;
 * and malformed or oversized requests Next.js would answer with a 500 are answered first
 * (screenRequest).
 */
export async function startConsoleServer({
  dir,
  dev,
  host,
  port,
  trustedProxies,
}: {
  dir: string;
  dev: boolean;
  host: string;
  port: number;
  trustedProxies: string[];
}): Promise<ConsoleServer> {
  const app = next({ dev, dir, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    pinForwardedHeaders({ request, trustedProxies });
    void screenRequest({ request, response }).then(
      (screened) => {
        if (screened !== 'answered') void handle(screened, response);
      },
      // Not expected: the screen answers what it refuses. A rejection left alone would stop the
      // process, and a request left alone would hang.
      (error: unknown) => {
        console.error('Screening a request failed:', error);
        response.destroy();
      },
    );
  });
  await listen(server, { host, port });
  const shownHost =
    host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}

function listen(server: Server, { host, port }: { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use. Stop whatever listens there, or set PORT.`)
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}
