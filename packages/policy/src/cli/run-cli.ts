import { type CliIo, writeText } from './cli-io';
import { parseCliArguments, USAGE } from './parse-cli-arguments';
import { runCheckCommand } from './run-check-command';
import { runEvalCommand } from './run-eval-command';

/** Runs `parapet-policy` with `argv` (without node and script) and returns the exit code. */
export async function runCli(options: { argv: readonly string[]; io: CliIo }): Promise<number> {
  const { argv, io } = options;
  const command = parseCliArguments(argv);
  switch (command.command) {
    case 'help':
      await writeText(io.stdout, `${USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    case 'usage-error':
      await writeText(io.stderr, `parapet-policy: ${command.message}\n\n${USAGE}\n`);
      return 2;
    case 'check':
      return runCheckCommand({ directory: command.directory, io });
    case 'eval':
      return runEvalCommand({ ...command, io });
  }
}
