import { join } from 'node:path';
import { parseDbEnv } from '@parapet/db';
import { getEnv } from '../../env';
import { findRepoRoot } from '../bootstrap/find-repo-root';
import { openInstallationDatabase } from './open-installation-database';
import { OperatorError } from './operator-error';
import {
  type Output,
  parseOperatorCommand,
  runOperatorCommand,
  usage,
} from './run-operator-command';

/**
 * `pnpm parapet …`: the operator's commands, run on the installation's own machine with its
 * environment (the same variables as `pnpm start`). Returns the exit code: 0 done, 1 refused
 * or failed (the reason on stderr, one message, no stack), 2 for a misuse of the command line.
 */
export async function operatorMain(
  argv: string[],
  { output, from }: { output: Output; from: string },
): Promise<number> {
  let command: ReturnType<typeof parseOperatorCommand>;
  try {
    command = parseOperatorCommand(argv);
  } catch (error) {
    output.err((error as Error).message);
    return 2;
  }
  if (command.kind === 'help') {
    output.out(usage);
    return 0;
  }
  try {
    const env = getEnv();
    const dataDir = env.PARAPET_DATA_DIR ?? join(findRepoRoot(from), '.parapet');
    const consoleUrl = env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`;
    const database = await openInstallationDatabase({ dbEnv: parseDbEnv(), dataDir });
    try {
      await runOperatorCommand(command, { db: database.db, consoleUrl }, output);
    } finally {
      await database.close();
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(error instanceof OperatorError ? message : `Failed: ${message.split('\n')[0]}`);
    return 1;
  }
}
