import type { CompiledPolicy } from '@parapet/policy';
import { type LatencyResult, measureLatency } from './measure-latency';
import { measureThroughput, type ThroughputResult } from './measure-throughput';
import type { BenchRequest } from './types';

export interface SurfaceResult {
  requests: number;
  hitShare: number;
  invalid: number;
  decisions: string[];
  decisionCounts: Record<string, number>;
  throughput: ThroughputResult;
  latency: LatencyResult;
}

// One surface of Parapet: classify the fixed request mix once (share matched by some rule,
// decisions for the agreement check), then measure throughput and per-call latency.
export function measureParapetSurface<R>({
  policy,
  requests,
  warmupMs,
  durationMs,
  latencySamples,
}: {
  policy: CompiledPolicy;
  requests: readonly BenchRequest<R>[];
  warmupMs: number;
  durationMs: number;
  latencySamples: number;
}): SurfaceResult {
  const bodies = requests.map((entry) => entry.request);
  const contexts = requests.map((entry) => ({ groups: entry.groups }));
  const decisions: string[] = [];
  const decisionCounts: Record<string, number> = {};
  let matched = 0;
  let invalid = 0;
  bodies.forEach((body, index) => {
    const decision = policy.evaluate(body, contexts[index]);
    decisions.push(decision.decision);
    decisionCounts[decision.decision] = (decisionCounts[decision.decision] ?? 0) + 1;
    if (decision.ruleId !== null) matched += 1;
    if (decision.reason !== undefined) invalid += 1;
  });

  const call = (index: number) => policy.evaluate(bodies[index], contexts[index]).decision.length;
  const throughput = measureThroughput({
    call,
    count: bodies.length,
    warmupMs,
    durationMs,
    batch: 4096,
  });
  const latency = measureLatency({ call, count: bodies.length, samples: latencySamples });
  return {
    requests: bodies.length,
    hitShare: matched / bodies.length,
    invalid,
    decisions,
    decisionCounts,
    throughput,
    latency,
  };
}
