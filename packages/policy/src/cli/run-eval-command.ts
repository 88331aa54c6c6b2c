import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { formatPolicyIssue } from '../errors/policy-compile-error';
import { type CliIo, writeText } from './cli-io';
import { compilePolicyDirectory } from './compile-policy-directory';
import { evaluateInputLine } from './evaluate-input-line';

// Decisions are written in chunks of about this many characters: one write per line would
// spend more time in the stream than in the engine.
const CHUNK = 64 * 1024;

async function openInput(requests: string, io: CliIo): Promise<Readable> {
  if (requests === '-') return io.stdin;
  const handle = await open(requests, 'r');
  return handle.createReadStream({ encoding: 'utf8' });
}

/**
 * `parapet-policy eval <dir> <requests.jsonl | ->`: exactly one JSON decision per input line,
 * blank and malformed lines included (they are denied with a reason). A policy that does not
 * compile is reported on stderr and nothing is evaluated.
 */
export async function runEvalCommand(options: {
  directory: string;
  requests: string;
  groups: readonly string[];
  io: CliIo;
}): Promise<number> {
  const { directory, requests, groups, io } = options;
  const compiled = await compilePolicyDirectory(directory);
  if ('usage' in compiled) {
    await writeText(io.stderr, `parapet-policy: ${compiled.usage}\n`);
    return 2;
  }
  if (!compiled.ok) {
    await writeText(io.stderr, `${compiled.issues.map(formatPolicyIssue).join('\n')}\n`);
    return 1;
  }
  const { policy } = compiled;
  let input: Readable;
  try {
    input = await openInput(requests, io);
  } catch (error) {
    await writeText(
      io.stderr,
      `parapet-policy: cannot read ${requests}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let chunk = '';
  for await (const line of lines) {
    const decision = evaluateInputLine({
      policy,
      line,
      defaultGroups: groups,
      mode: policy.defaultMode,
    });
    chunk += `${JSON.stringify(decision)}\n`;
    if (chunk.length >= CHUNK) {
      await writeText(io.stdout, chunk);
      chunk = '';
    }
  }
  if (chunk !== '') await writeText(io.stdout, chunk);
  return 0;
}
