import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { WorkerMetrics } from './metrics';

/**
 * The worker's small HTTP side: `/metrics` (Prometheus) and `/healthz` (200 when the database
 * answers, 503 when it does not). Nothing else, and nothing that changes state.
 */
export async function serveMetrics({
  host,
  port,
  metrics,
  db,
}: {
  host: string;
  port: number;
  metrics: WorkerMetrics;
  db: pg.Pool;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) =>
          response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    if (path === '/healthz') {
      db.query('SELECT 1').then(
        () =>
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
        () =>
          response
            .writeHead(503, { 'content-type': 'application/json' })
            .end('{"status":"database unavailable"}'),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is in use. Set PARAPET_WORKER_PORT to another port (0 turns it off).`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
