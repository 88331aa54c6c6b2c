/** Policy group names as small chips, or a quiet "No groups". */
export function GroupChips({ groups }: { groups: string[] }) {
  if (groups.length === 0) return <span className="text-xs text-neutral-400">No groups</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {groups.map((name) => (
        <li
          key={name}
          className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-700"
        >
          {name}
        </li>
      ))}
    </ul>
  );
}
