// Compile time as the median of several runs, in wall-clock and in CPU time (the latter is not
// inflated when other processes share the core). Each run gets its own deep copy of the sources
// (made outside the timed region), so no run can profit from another's parsed objects.
export interface CompileFigure {
  medianMs: number;
  medianCpuMs: number;
  runsMs: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

export function measureCompile<S>({
  compile,
  sources,
  runs,
}: {
  compile: (sources: S) => unknown;
  sources: S;
  runs: number;
}): CompileFigure {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const copy = structuredClone(sources);
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    compile(copy);
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  return { medianMs: median(runsMs), medianCpuMs: median(cpuMs), runsMs };
}
