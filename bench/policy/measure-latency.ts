// Latency from per-call timings of a sample: each call is bracketed by two reads of the
// monotonic clock. The clock's own cost is measured the same way around an empty call and
// reported beside the figures, not subtracted.
export interface LatencyResult {
  samples: number;
  p50Micros: number;
  p99Micros: number;
  maxMicros: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

// Percentiles of per-call timings in nanoseconds (the array is sorted in place).
export function summariseLatencies(nanos: Float64Array): LatencyResult {
  nanos.sort();
  return {
    samples: nanos.length,
    p50Micros: percentile(nanos, 0.5) / 1000,
    p99Micros: percentile(nanos, 0.99) / 1000,
    maxMicros: (nanos[nanos.length - 1] ?? Number.NaN) / 1000,
  };
}

export function measureLatency({
  call,
  count,
  samples,
}: {
  call: (index: number) => number;
  count: number;
  samples: number;
}): LatencyResult & { checksum: number } {
  const nanos = new Float64Array(samples);
  let checksum = 0;
  for (let i = 0; i < samples; i++) {
    const before = process.hrtime.bigint();
    checksum += call(i % count);
    nanos[i] = Number(process.hrtime.bigint() - before);
  }
  return { ...summariseLatencies(nanos), checksum };
}

export function measureTimerOverhead(): number {
  return measureLatency({ call: () => 0, count: 1, samples: 200_000 }).p50Micros;
}
