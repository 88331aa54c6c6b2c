import type { CedarQuery } from './cedar/build-cedar-requests';
import type { CedarDecision, createCedarAuthorizer } from './cedar/create-cedar-authorizer';
import { type LatencyResult, summariseLatencies } from './measure-latency';
import type { ThroughputResult } from './measure-throughput';
import type { BenchRequest } from './types';

export interface CedarSurfaceResult {
  throughput: ThroughputResult;
  latency: LatencyResult;
  sampled: number;
  agreed: number;
  disagreements: Array<{ index: number; parapet: string; cedar: CedarDecision }>;
  evaluationErrors: number;
}

// The same requests through Cedar. Building the Cedar query (entities, context) is part of each
// call, as it is for any enforcement point using Cedar. A Cedar decision takes milliseconds at
// this policy size, so every call is timed on its own (the clock's ~50 ns is noise here): one
// run gives both throughput and latency, and every answer is compared with Parapet's.
export function measureCedarSurface<R>({
  authorizer,
  buildQuery,
  requests,
  parapetDecisions,
  warmupMs,
  durationMs,
  minCalls,
}: {
  authorizer: ReturnType<typeof createCedarAuthorizer>;
  buildQuery: (options: { request: R; groups: readonly string[] }) => CedarQuery | undefined;
  requests: readonly BenchRequest<R>[];
  parapetDecisions: readonly string[];
  warmupMs: number;
  durationMs: number;
  minCalls: number;
}): CedarSurfaceResult {
  const decide = (index: number): CedarDecision => {
    const entry = requests[index % requests.length];
    if (!entry) throw new Error(`no request ${index}`);
    return authorizer.authorize(buildQuery({ request: entry.request, groups: entry.groups }));
  };
  // Warm-up uses requests from the far end of the list, which the timed run will not reach.
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  for (let index = requests.length - 1; process.hrtime.bigint() < warmupEnd; index--) decide(index);

  const answers: CedarDecision[] = [];
  const nanos: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(durationMs * 1e6));
  while (process.hrtime.bigint() - start < budget || answers.length < minCalls) {
    const before = process.hrtime.bigint();
    answers.push(decide(answers.length));
    nanos.push(Number(process.hrtime.bigint() - before));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  let agreed = 0;
  const disagreements: CedarSurfaceResult['disagreements'] = [];
  answers.forEach((cedar, index) => {
    const parapet = parapetDecisions[index] ?? '?';
    if (parapet === cedar) agreed += 1;
    else if (disagreements.length < 10) disagreements.push({ index, parapet, cedar });
  });
  return {
    throughput: {
      calls: answers.length,
      seconds,
      perSecond: answers.length / seconds,
      perCpuSecond: answers.length / cpuSeconds,
    },
    latency: summariseLatencies(Float64Array.from(nanos)),
    sampled: answers.length,
    agreed,
    disagreements,
    evaluationErrors: authorizer.evaluationErrors(),
  };
}
