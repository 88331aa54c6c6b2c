import { runCli } from '../cli/run-cli';

export interface AgentRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as one JSON value, or as JSON lines when it holds several. */
  json<T = Record<string, unknown>>(): T;
  lines<T = Record<string, unknown>>(): T[];
}

/** Runs the CLI in-process, exactly as bin/parapet-agent.mjs does but with captured output. */
export async function runAgent(
  argv: readonly string[],
  options: {
    stdin?: string;
    now?: () => Date;
    signal?: AbortSignal;
    onStdout?: (text: string) => void;
  } = {},
): Promise<AgentRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? '',
    stdinChunks: async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    },
    signal: options.signal ?? new AbortController().signal,
    defaultStateDir: '/nonexistent/parapet-agent-test-default',
    now: options.now ?? (() => new Date()),
  });
  return {
    code,
    stdout,
    stderr,
    json: <T>() => JSON.parse(stdout) as T,
    lines: <T>() =>
      stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as T),
  };
}
