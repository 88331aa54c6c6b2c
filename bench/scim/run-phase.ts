/** What one phase of requests took. */
export type PhaseResult = { name: string; requests: number; seconds: number; perSecond: number };

/**
 * Runs `count` tasks with at most `concurrency` at once (tasks are numbered 0…count−1) and
 * measures the phase's wall time. A task throws to fail the benchmark.
 */
export async function runPhase(
  name: string,
  { count, concurrency }: { count: number; concurrency: number },
  task: (index: number) => Promise<void>,
): Promise<PhaseResult> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        await task(index);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { name, requests: count, seconds, perSecond: count / seconds };
}

/** The value at quantile `q` of sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
