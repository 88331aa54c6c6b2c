export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'check'; readonly directory: string }
  | {
      readonly command: 'eval';
      readonly directory: string;
      readonly requests: string;
      readonly groups: readonly string[];
    }
  | {
      readonly command: 'pull';
      readonly directory: string;
      readonly server: string | undefined;
      readonly apiKey: string | undefined;
      readonly version: number | undefined;
    }
  | {
      readonly command: 'push';
      readonly directory: string;
      readonly server: string | undefined;
      readonly apiKey: string | undefined;
      readonly publishMessage: string | undefined;
    }
  | { readonly command: 'usage-error'; readonly message: string };

export const USAGE = `Usage:
  parapet-policy check <dir>
      Validate guardrails.yaml, baseline.yaml and groups/<name>.yaml in <dir> and run their
      policy tests. Exits 0 when all is well, 1 on any problem or failing test.
  parapet-policy eval <dir> <requests.jsonl | -> [--groups a,b]
      Print one decision (a JSON line) per input line. An input line is a request, or
      {"groups": [...], "request": {...}}; --groups sets the groups of plain request lines.

  parapet-policy pull <dir> [--version N] [--server URL] [--key KEY]
      Write the console's drafts (or published version N) into <dir> as the files above;
      policy files in <dir> the console no longer has are removed.
  parapet-policy push <dir> [--publish MESSAGE] [--server URL] [--key KEY]
      Save <dir>'s documents as the console's drafts (groups are created as needed), then,
      with --publish, publish them: a refused publish lists every problem and exits 1.
      The server and API key default to PARAPET_URL and PARAPET_API_KEY.

Exit codes: 0 success, 1 invalid policy, failing tests or a refused request, 2 usage error.`;

function splitGroups(value: string): string[] {
  return value === ''
    ? []
    : value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
}

const VALUE_FLAGS = new Set(['--groups', '--server', '--key', '--version', '--publish']);

/** Parses the command line; anything unexpected is a usage error (exit code 2). */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') return { command: 'help' };
    const equals = argument.indexOf('=');
    const flag = argument.startsWith('--') && equals > 0 ? argument.slice(0, equals) : argument;
    if (VALUE_FLAGS.has(flag)) {
      const value = equals > 0 && flag !== argument ? argument.slice(equals + 1) : argv[++index];
      if (value === undefined) {
        return { command: 'usage-error', message: `${flag} needs a value` };
      }
      flags.set(flag, value);
    } else if (argument.startsWith('-') && argument !== '-') {
      return { command: 'usage-error', message: `unknown option ${argument}` };
    } else {
      positional.push(argument);
    }
  }
  const [command, directory, requests, ...extra] = positional;
  if (command === undefined) return { command: 'help' };
  const allowed: Record<string, string[]> = {
    check: [],
    eval: ['--groups'],
    pull: ['--server', '--key', '--version'],
    push: ['--server', '--key', '--publish'],
  };
  const misplaced = [...flags.keys()].find((flag) => !allowed[command]?.includes(flag));
  const cannotRun = {
    command: 'usage-error' as const,
    message: `cannot run: parapet-policy ${argv.join(' ')}`,
  };
  if (misplaced !== undefined || directory === undefined) return cannotRun;
  if (command === 'check' && requests === undefined) return { command: 'check', directory };
  if (command === 'eval' && requests !== undefined && extra.length === 0) {
    const groups = flags.get('--groups');
    return {
      command: 'eval',
      directory,
      requests,
      groups: groups === undefined ? [] : splitGroups(groups),
    };
  }
  if ((command === 'pull' || command === 'push') && requests === undefined) {
    const remote = { server: flags.get('--server'), apiKey: flags.get('--key') };
    if (command === 'push') {
      return { command, directory, ...remote, publishMessage: flags.get('--publish') };
    }
    const versionText = flags.get('--version');
    const version = versionText === undefined ? undefined : Number(versionText);
    if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
      return {
        command: 'usage-error',
        message: '--version needs a version number, e.g. --version 3',
      };
    }
    return { command, directory, ...remote, version };
  }
  return cannotRun;
}
