// Compile time as the median of several runs. Each run gets its own deep copy of the sources
// (made outside the timed region), so no run can profit from another's parsed objects.
export function measureCompile<S>({
  compile,
  sources,
  runs,
}: {
  compile: (sources: S) => unknown;
  sources: S;
  runs: number;
}): { medianMs: number; runsMs: number[] } {
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const copy = structuredClone(sources);
    const start = process.hrtime.bigint();
    compile(copy);
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return { medianMs, runsMs };
}
