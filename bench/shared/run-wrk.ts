import { spawnSync } from 'node:child_process';

export type WrkResult = { requestsPerSec: number; nonSuccess: number; requests: number };

/**
 * Runs wrk (one thread, `connections` keep-alive connections) against `url` with `headers`, and
 * reads its summary. Responses other than 2xx/3xx are counted, so a run that measured refusals
 * instead of 304s is caught by the caller.
 */
export function runWrk({
  url,
  headers,
  seconds,
  connections,
  cpu,
}: {
  url: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  /** Pins wrk to this CPU (taskset), so it never shares one with the server measured. */
  cpu?: number;
}): WrkResult {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  const command = cpu === undefined ? 'wrk' : 'taskset';
  const commandArgs = cpu === undefined ? args : ['-c', String(cpu), 'wrk', ...args];
  const run = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1];
  const total = /(\d+) requests in/.exec(run.stdout)?.[1];
  if (!rate || !total) throw new Error(`Could not read wrk's output:\n${run.stdout}`);
  const nonSuccess = Number(/Non-2xx or 3xx responses: (\d+)/.exec(run.stdout)?.[1] ?? 0);
  return { requestsPerSec: Number(rate), nonSuccess, requests: Number(total) };
}
