import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AgentError } from '../agent-error';

/** What a command may touch of the outside world, so tests can run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  /** stdin as it arrives, for input that may be long or never end (`report`). */
  readonly stdinChunks: () => AsyncIterable<Uint8Array | string>;
  /** Aborted on SIGINT/SIGTERM: `pull --watch` stops cleanly. */
  readonly signal: AbortSignal;
  /** The state folder when `--state` is not given. */
  readonly defaultStateDir: string;
  readonly now: () => Date;
}

export function printJson(io: CliIo, value: unknown, indent = false): void {
  io.stdout(`${JSON.stringify(value, null, indent ? 2 : undefined)}\n`);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs`, strict, with its complaints turned into usage errors. */
export function parseCommandArgs<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
  positionals = 0,
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AgentError('USAGE', `${command}: ${(error as Error).message}`);
  }
  if (parsed.positionals.length > positionals) {
    throw new AgentError(
      'USAGE',
      `${command}: unexpected argument ${JSON.stringify(parsed.positionals[positionals])}`,
    );
  }
  return parsed;
}

export const stateOption = { state: { type: 'string' } } as const;
