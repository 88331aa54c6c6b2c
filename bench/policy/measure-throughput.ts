// Throughput by batch timing: the clock is read once per batch of calls, so its own cost does
// not dilute the figure. `call(i)` returns a number that is summed, so the work cannot be
// optimised away. Beside wall-clock time it records the process's CPU time over the same run:
// on a shared machine other processes time-slice the pinned core and lower the wall-clock rate,
// but not the rate per CPU-second.
export interface ThroughputResult {
  calls: number;
  seconds: number;
  perSecond: number;
  perCpuSecond: number;
}

export function measureThroughput({
  call,
  count,
  warmupMs,
  durationMs,
  minCalls = 0,
  batch,
}: {
  call: (index: number) => number;
  count: number;
  warmupMs: number;
  durationMs: number;
  minCalls?: number;
  batch: number;
}): ThroughputResult & { checksum: number } {
  let index = 0;
  let checksum = 0;
  const runBatch = () => {
    for (let i = 0; i < batch; i++) {
      checksum += call(index);
      index = index + 1 === count ? 0 : index + 1;
    }
  };
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  while (process.hrtime.bigint() < warmupEnd) runBatch();

  index = 0;
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(durationMs * 1e6));
  let elapsed = 0n;
  while (elapsed < budget || calls < minCalls) {
    runBatch();
    calls += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  const seconds = Number(elapsed) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { calls, seconds, perSecond: calls / seconds, perCpuSecond: calls / cpuSeconds, checksum };
}
