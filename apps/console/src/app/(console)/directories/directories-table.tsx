import type { DirectoryView } from '@parapet/directory';
import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';

/** The organization's directory connections with their sync state. */
export function DirectoriesTable({
  directories,
  now,
}: {
  directories: DirectoryView[];
  now: Date;
}) {
  return (
    <TableFrame caption="Directories" minWidth="min-w-[48rem]" flush>
      <TableHead
        columns={[
          { label: 'Directory' },
          { label: 'Last sync' },
          { label: 'People', className: 'text-right' },
          { label: 'Groups', className: 'text-right' },
          { label: 'Requests', className: 'text-right' },
          { label: 'Errors', className: 'text-right' },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {directories.map((directory) => (
          <tr key={directory.id}>
            <td className="px-5 py-3">
              <Link
                href={`/directories/${directory.id}`}
                className="font-medium text-accent-700 hover:underline"
              >
                {directory.name}
              </Link>
              <div className="font-mono text-xs text-neutral-500">{directory.tokenPrefix}…</div>
            </td>
            <td className="px-5 py-3 text-neutral-700">
              {directory.lastSyncAt ? (
                <RelativeTime value={directory.lastSyncAt} now={now} />
              ) : (
                <span className="text-neutral-400">Never</span>
              )}
            </td>
            <td className="px-5 py-3 text-right tabular-nums">{directory.userCount}</td>
            <td className="px-5 py-3 text-right tabular-nums">{directory.groupCount}</td>
            <td className="px-5 py-3 text-right tabular-nums">{directory.requestCount}</td>
            <td className="px-5 py-3 text-right tabular-nums">
              {directory.errorCount > 0 ? (
                <span className="font-medium text-red-700">
                  {directory.errorCount}
                  {directory.lastErrorAt ? (
                    <span className="block text-xs font-normal text-neutral-500">
                      last <RelativeTime value={directory.lastErrorAt} now={now} />
                    </span>
                  ) : null}
                </span>
              ) : (
                0
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
