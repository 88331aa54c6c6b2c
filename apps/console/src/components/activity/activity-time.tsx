/** A timestamp shown in UTC (the server renders it; no client clock or locale is involved). */
export function ActivityTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  return (
    <time dateTime={iso} className="tabular-nums">
      {iso.slice(0, 10)} {iso.slice(11, 19)} UTC
    </time>
  );
}
