import { createServer, type IncomingMessage, type Server } from 'node:http';
import next from 'next';

export type ConsoleServer = { url: string; close: () => Promise<void> };

/**
 * Runs the Next.js console in this process behind a plain HTTP server. Owning the socket lets
 * us pin the client address: unless a trusted proxy sits in front, any X-Forwarded-* a client
 * sends is replaced with what the connection itself says, so the per-address sign-in lockout
 * cannot be dodged by forging a header.
 */
export async function startConsoleServer({
  dir,
  dev,
  host,
  port,
  trustProxy,
}: {
  dir: string;
  dev: boolean;
  host: string;
  port: number;
  trustProxy: boolean;
}): Promise<ConsoleServer> {
  const app = next({ dev, dir, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    if (!trustProxy) pinForwardedHeaders(request);
    void handle(request, response);
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

function pinForwardedHeaders(request: IncomingMessage): void {
  delete request.headers['x-forwarded-host'];
  delete request.headers['x-forwarded-proto'];
  delete request.headers['x-forwarded-port'];
  const address = request.socket.remoteAddress;
  if (address) request.headers['x-forwarded-for'] = address;
  else delete request.headers['x-forwarded-for'];
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
