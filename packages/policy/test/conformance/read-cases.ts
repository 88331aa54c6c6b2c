import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// The expected outcome of one request row. Fields that are absent are not asserted: a row
// leaves a field out only where the specification (docs/policy-language.md) does not decide it
// (the README lists those rows).
export const expectedDecisionSchema = z.strictObject({
  decision: z.enum(['allow', 'deny', 'ask']),
  ruleId: z.string().nullable().optional(),
  layer: z.string().optional(),
  mode: z.enum(['enforce', 'audit']).optional(),
  reason: z.literal(true).optional(),
});
export type ExpectedDecision = z.infer<typeof expectedDecisionSchema>;

// A mention is a string the `check` output must contain, or a list of alternatives of which
// at least one must appear (used where the specification fixes the fact but not its wording).
const mentionSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type Mention = z.infer<typeof mentionSchema>;

export const expectCheckSchema = z.strictObject({
  exitCode: z.number().int(),
  mentions: z.array(mentionSchema),
  notMentions: z.array(z.string().min(1)).optional(),
});
export type ExpectCheck = z.infer<typeof expectCheckSchema>;

export interface EvalRow {
  caseName: string;
  index: number;
  line: string;
  expected: ExpectedDecision;
}

export interface EvalCase {
  name: string;
  dir: string;
  requestsFile: string;
  extraArgs: string[];
  rows: EvalRow[];
}

export interface CheckCase {
  name: string;
  dir: string;
  expect: ExpectCheck;
}

export interface ConformanceCases {
  evalCases: EvalCase[];
  checkCases: CheckCase[];
}

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function readEvalCase({ name, dir }: { name: string; dir: string }): EvalCase {
  const requestsFile = join(dir, 'requests.jsonl');
  const requests = readLines(requestsFile);
  const expected = readLines(join(dir, 'expected.jsonl'));
  // A mismatch is a defect of the suite itself, so it stops collection loudly.
  if (requests.length !== expected.length || requests.length === 0) {
    throw new Error(`${name}: ${requests.length} requests but ${expected.length} expected lines`);
  }
  const argsFile = join(dir, 'cli-args.json');
  const extraArgs = existsSync(argsFile)
    ? z.array(z.string()).parse(JSON.parse(readFileSync(argsFile, 'utf8')))
    : [];
  const rows = requests.map((line, index) => ({
    caseName: name,
    index,
    line,
    expected: expectedDecisionSchema.parse(JSON.parse(expected[index] ?? 'null')),
  }));
  return { name, dir, requestsFile, extraArgs, rows };
}

// Every folder under `casesDir` is one case: an eval case when it holds requests.jsonl, a
// check case when it holds expect-check.json. A folder that is neither is a defect.
export function readCases({ casesDir }: { casesDir: string }): ConformanceCases {
  const evalCases: EvalCase[] = [];
  const checkCases: CheckCase[] = [];
  const names = readdirSync(casesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of names) {
    const dir = join(casesDir, name);
    const checkFile = join(dir, 'expect-check.json');
    if (existsSync(join(dir, 'requests.jsonl'))) {
      evalCases.push(readEvalCase({ name, dir }));
    } else if (existsSync(checkFile)) {
      const expect = expectCheckSchema.parse(JSON.parse(readFileSync(checkFile, 'utf8')));
      checkCases.push({ name, dir, expect });
    } else {
      throw new Error(`${name}: neither requests.jsonl nor expect-check.json`);
    }
  }
  return { evalCases, checkCases };
}
