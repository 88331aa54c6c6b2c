import { type CliIo, writeText } from './cli-io';
import { parseCliArguments, USAGE } from './parse-cli-arguments';
import { runCheckCommand } from './run-check-command';
import { runEvalCommand } from './run-eval-command';
import { type RemoteOptions, runPullCommand, runPushCommand } from './run-remote-commands';

/** Runs `parapet-policy` with `argv` (without node and script) and returns the exit code. */
export async function runCli(options: {
  argv: readonly string[];
  io: CliIo;
  env?: Readonly<Record<string, string | undefined>>;
}): Promise<number> {
  const { argv, io, env = {} } = options;
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
    case 'pull':
    case 'push': {
      const remote = remoteOptions({ ...command, env });
      if (typeof remote === 'string') {
        await writeText(io.stderr, `parapet-policy: ${remote}\n`);
        return 2;
      }
      return command.command === 'pull'
        ? runPullCommand({ remote, directory: command.directory, version: command.version, io })
        : runPushCommand({
            remote,
            directory: command.directory,
            publishMessage: command.publishMessage,
            io,
          });
    }
  }
}

/** The server and key from the flags, else from the environment; a message when missing. */
function remoteOptions({
  server,
  apiKey,
  env,
}: {
  server: string | undefined;
  apiKey: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): RemoteOptions | string {
  const url = server ?? env.PARAPET_URL;
  const key = apiKey ?? env.PARAPET_API_KEY;
  if (!url || !/^https?:\/\//.test(url)) {
    return "give the console's address with --server https://… or PARAPET_URL";
  }
  if (!key) return 'give an API key with --key or PARAPET_API_KEY';
  return { server: url, apiKey: key };
}
