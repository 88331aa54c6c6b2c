import { spawn } from 'node:child_process';
import { DbError } from '../db-error';
import type { PostgresUser } from './ensure-postgres-user';

export type Postmaster = {
  /** Fast shutdown (SIGINT): open transactions roll back, then Postgres exits cleanly. */
  stop: () => Promise<void>;
};

const READY = 'database system is ready to accept connections';

/**
 * Starts `postgres` for a cluster and resolves once it accepts connections.
 *
 * Postgres gets an environment of its own rather than Parapet's: a database superuser can read
 * the server's environment (`COPY … FROM PROGRAM 'env'`), and Parapet's holds the master key and
 * the Auth.js secret. It stays in Parapet's process group, so whatever stops that group (a
 * terminal's Ctrl-C, a supervisor's kill) stops Postgres too.
 */
export async function spawnPostmaster({
  postgres,
  clusterDir,
  port,
  flags,
  user,
  onLog,
}: {
  postgres: string;
  clusterDir: string;
  port: number;
  flags: string[];
  user: PostgresUser | undefined;
  onLog: (line: string) => void;
}): Promise<Postmaster> {
  // (Cast: Next.js's ambient types make NODE_ENV a required key of every ProcessEnv, and the
  // console type-checks this file through its imports.)
  const env = { LC_ALL: 'C' } as unknown as NodeJS.ProcessEnv;
  const child = spawn(postgres, ['-D', clusterDir, '-p', String(port), ...flags], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ?? {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        onLog(text);
        if (!ready && text.includes(READY)) {
          ready = true;
          resolve();
        }
      });
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!ready) {
        reject(
          new DbError(
            'EMBEDDED_START_FAILED',
            `postgres exited (${code ?? signal}) before it was ready.`,
          ),
        );
      }
    });
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
