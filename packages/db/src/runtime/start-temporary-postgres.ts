import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from './start-embedded-postgres';

export const TEMPORARY_CLUSTER_PREFIX = 'parapet-pg-';

/**
 * A throwaway PostgreSQL for tests and development scripts: a fresh cluster in a temporary
 * folder on a free port. `stop()` shuts it down and deletes the folder.
 */
export async function startTemporaryPostgres({
  database = 'postgres',
  onLog,
}: {
  database?: string;
  onLog?: (line: string) => void;
} = {}): Promise<EmbeddedPostgresServer & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), TEMPORARY_CLUSTER_PREFIX));
  await chmod(dataDir, 0o711);
  try {
    const server = await startWithFreePort({ dataDir, database, onLog });
    return {
      ...server,
      dataDir,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startWithFreePort({
  dataDir,
  database,
  onLog,
}: {
  dataDir: string;
  database: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const password = randomBytes(18).toString('base64url');
  // A port found free can be taken before Postgres binds it (parallel runs), so retry a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbeddedPostgres({
        clusterDir: join(dataDir, 'pg'),
        port: await findFreePort(),
        password,
        database,
        durable: false,
        ...(onLog ? { onLog } : {}),
      });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function findFreePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
