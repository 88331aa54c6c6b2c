/**
 * Which bundle generation a device runs, read against the org's current one: "12 of 12",
 * "10 of 12 · 2 behind", or "None yet" before its first status report.
 */
export function BundleGeneration({
  activeVer,
  generation,
}: {
  activeVer: number | null;
  generation: number;
}) {
  if (activeVer === null) return <span className="text-neutral-400">None yet</span>;
  const behind = generation - activeVer;
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span className="font-medium text-neutral-900">{activeVer}</span>
      <span className="text-neutral-500"> of {generation}</span>
      {behind > 0 ? <span className="text-amber-800"> · {behind} behind</span> : null}
    </span>
  );
}
