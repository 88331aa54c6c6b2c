import type { Profiler } from 'node:inspector';

// Self time per function (name and file:line), the biggest first, from a V8 CPU profile.
export function summariseCpuProfile({
  profile,
  top,
}: {
  profile: Profiler.Profile;
  top: number;
}): string[] {
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples ?? []) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples?.length ?? 0;
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const samples = selfSamples.get(node.id) ?? 0;
    if (samples === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(packages|bench|node_modules)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + samples);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, samples]) =>
        `${((100 * samples) / Math.max(1, total)).toFixed(1).padStart(5)}%  ${key}`,
    );
}
