import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EvalCase, type EvalRow, type Mention, readCases } from './read-cases';
import { type CliResult, createLimiter, runCli } from './run-cli';

// An independent black-box check of `parapet-policy eval` and `check` against vectors derived
// from the policy-language specification alone, docs/policy-language.md (see README.md in this
// folder for what each case covers and why).
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const cliPath = join(repoRoot, 'packages/policy/bin/parapet-policy.mjs');
const casesDir = join(here, 'cases');
const { evalCases, checkCases } = readCases({ casesDir });

// Generous, because a test may wait for CLI runs queued ahead of it on a loaded machine.
const CLI_WAIT_MS = 180_000;

const decisionLineSchema = z.object({
  decision: z.enum(['allow', 'deny', 'ask']),
  ruleId: z.string().nullable(),
  layer: z.string(),
  mode: z.enum(['enforce', 'audit']),
  reason: z.string().optional(),
});

const limit = createLimiter({ concurrency: Math.max(2, availableParallelism()) });
const runs = new Map<string, Promise<CliResult>>();

function cli(key: string, args: readonly string[]): Promise<CliResult> {
  let run = runs.get(key);
  if (!run) {
    run = limit(() => runCli({ cliPath, args, cwd: repoRoot }));
    runs.set(key, run);
  }
  return run;
}

const evalRun = (c: EvalCase) =>
  cli(`eval:${c.name}`, ['eval', c.dir, c.requestsFile, ...c.extraArgs]);
const checkRun = (c: { name: string; dir: string }) => cli(`check:${c.name}`, ['check', c.dir]);

// Starting every run up front lets them overlap while the first tests wait.
beforeAll(() => {
  for (const c of evalCases) void evalRun(c).catch(() => undefined);
  for (const c of checkCases) void checkRun(c).catch(() => undefined);
});

function outputLines(result: CliResult): string[] {
  const lines = result.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

// A compact, readable title: the surface is implied by the case name, so it is left out.
function rowTitle(row: EvalRow): string {
  let shown = row.line;
  try {
    const parsed: unknown = JSON.parse(row.line);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'surface' in parsed) {
      const { surface: _surface, ...rest } = parsed as Record<string, unknown>;
      shown = JSON.stringify(rest);
    }
  } catch {
    // Deliberately broken lines are shown as written.
  }
  const short = shown.length > 110 ? `${shown.slice(0, 107)}...` : shown;
  return `${row.caseName} #${row.index + 1} ${short}`;
}

// Projects the actual decision onto the fields the row asserts, so a failure diff shows
// exactly the fields that disagree.
function project(actual: z.infer<typeof decisionLineSchema>, expected: EvalRow['expected']) {
  const shown: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key === 'reason') shown.reason = typeof actual.reason === 'string' && actual.reason !== '';
    else shown[key] = actual[key as keyof typeof actual];
  }
  return shown;
}

function mentionFound(output: string, mention: Mention): boolean {
  return typeof mention === 'string'
    ? output.includes(mention)
    : mention.some((m) => output.includes(m));
}

describe('conformance: parapet-policy eval', () => {
  for (const c of evalCases) {
    describe(c.name, () => {
      it(
        `${c.name} prints exactly one JSON decision per input line`,
        async () => {
          const result = await evalRun(c);
          const lines = outputLines(result);
          expect(lines, `stderr:\n${result.stderr}`).toHaveLength(c.rows.length);
          const unparsable = lines.filter(
            (line) => !decisionLineSchema.safeParse(parseJson(line)).success,
          );
          expect(unparsable).toEqual([]);
        },
        CLI_WAIT_MS,
      );

      it.each(c.rows.map((row) => [rowTitle(row), row] as const))(
        '%s',
        async (_title, row) => {
          const result = await evalRun(c);
          const line = outputLines(result)[row.index];
          expect(line, `no output line for ${row.line}`).toBeDefined();
          const actual = decisionLineSchema.parse(parseJson(line ?? ''));
          expect(project(actual, row.expected)).toEqual(row.expected);
        },
        CLI_WAIT_MS,
      );
    });
  }
});

describe('conformance: parapet-policy check', () => {
  it.each(checkCases.map((c) => [`${c.name} exits ${c.expect.exitCode}`, c] as const))(
    '%s',
    async (_title, c) => {
      const result = await checkRun(c);
      const output = `${result.stdout}\n${result.stderr}`;
      expect({ exitCode: result.exitCode, output }).toMatchObject({ exitCode: c.expect.exitCode });
      const missing = c.expect.mentions.filter((m) => !mentionFound(output, m));
      expect(missing, `check output:\n${output}`).toEqual([]);
      const unexpected = (c.expect.notMentions ?? []).filter((m) => output.includes(m));
      expect(unexpected, `check output:\n${output}`).toEqual([]);
    },
    CLI_WAIT_MS,
  );
});

describe('conformance: the suite itself', () => {
  it('lists every case in README.md', () => {
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    const unlisted = [...evalCases, ...checkCases]
      .map((c) => c.name)
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(unlisted).toEqual([]);
  });
});
