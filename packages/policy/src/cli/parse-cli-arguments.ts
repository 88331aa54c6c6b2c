export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'check'; readonly directory: string }
  | {
      readonly command: 'eval';
      readonly directory: string;
      readonly requests: string;
      readonly groups: readonly string[];
    }
  | { readonly command: 'usage-error'; readonly message: string };

export const USAGE = `Usage:
  parapet-policy check <dir>
      Validate guardrails.yaml, baseline.yaml and groups/<name>.yaml in <dir> and run their
      policy tests. Exits 0 when all is well, 1 on any problem or failing test.
  parapet-policy eval <dir> <requests.jsonl | -> [--groups a,b]
      Print one decision (a JSON line) per input line. An input line is a request, or
      {"groups": [...], "request": {...}}; --groups sets the groups of plain request lines.

Exit codes: 0 success, 1 invalid policy or failing tests, 2 usage error.`;

function splitGroups(value: string): string[] {
  return value === ''
    ? []
    : value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
}

/** Parses the command line; anything unexpected is a usage error (exit code 2). */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const positional: string[] = [];
  let groups: string[] | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') return { command: 'help' };
    if (argument === '--groups') {
      const value = argv[++index];
      if (value === undefined)
        return { command: 'usage-error', message: '--groups needs a value, e.g. --groups a,b' };
      groups = splitGroups(value);
    } else if (argument.startsWith('--groups=')) {
      groups = splitGroups(argument.slice('--groups='.length));
    } else if (argument.startsWith('-') && argument !== '-') {
      return { command: 'usage-error', message: `unknown option ${argument}` };
    } else {
      positional.push(argument);
    }
  }
  const [command, directory, requests, ...extra] = positional;
  if (command === undefined) return { command: 'help' };
  if (
    command === 'check' &&
    directory !== undefined &&
    requests === undefined &&
    groups === undefined
  ) {
    return { command: 'check', directory };
  }
  if (
    command === 'eval' &&
    directory !== undefined &&
    requests !== undefined &&
    extra.length === 0
  ) {
    return { command: 'eval', directory, requests, groups: groups ?? [] };
  }
  return { command: 'usage-error', message: `cannot run: parapet-policy ${argv.join(' ')}` };
}
