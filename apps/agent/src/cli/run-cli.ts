import { AgentError, type AgentErrorCode, describeError } from '../agent-error';
import type { CliIo } from './cli-io';
import { runDecideCommand } from './decide-command';
import { runEnrollCommand } from './enroll-command';
import { runLoginCommand } from './login-command';
import { runPullCommand } from './pull-command';
import { runReportCommand } from './report-command';
import { runShowCommand } from './show-command';
import { runStatusCommand } from './status-command';

export const USAGE = `Usage: parapet-agent <command> [options]

Commands:
  enroll --server URL --token T [--force] [--allow-http]
                          enroll this device with the edge at URL
  login --server URL [--force] [--allow-http]
                          enroll this device as the person who approves it: prints
                          a code and a page to approve it on (single sign-on)
  pull [--wait N] [--watch]
                          fetch, verify and keep the device's signed bundle
  status                  the device, its trust and its bundle, as JSON
  show [--raw]            the active bundle (--raw: exact bytes and trust, as JSON)
  decide '<request JSON>' | -
                          decide one request with the active bundle
  report [FILE] [--no-upload] [--max-events N] [--max-bytes N]
                          stamp and buffer decision events (NDJSON from FILE or
                          stdin), then upload the buffer to the edge

Every command takes --state DIR (default: the OS's per-user state folder).
Exit status: 0 done, 1 failed, 2 usage (report: a line was refused), 3 bundle refused,
4 device or enrollment refused.
`;

/** Exit statuses a script can act on; README "Exit status". */
const EXIT_CODES: Partial<Record<AgentErrorCode, number>> = {
  USAGE: 2,
  ALREADY_ENROLLED: 2,
  BUNDLE_REFUSED: 3,
  DEVICE_REFUSED: 4,
  ENROLLMENT_REFUSED: 4,
};

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  enroll: runEnrollCommand,
  login: runLoginCommand,
  pull: runPullCommand,
  status: runStatusCommand,
  show: runShowCommand,
  decide: runDecideCommand,
  report: runReportCommand,
};

/** Runs one command line and returns its exit status. Errors are printed as one sentence. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    io.stderr(`parapet-agent: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof AgentError) {
      io.stderr(`parapet-agent ${command}: ${error.message}\n`);
      return EXIT_CODES[error.code] ?? 1;
    }
    io.stderr(`parapet-agent ${command}: unexpected error: ${describeError(error)}\n`);
    return 1;
  }
}
