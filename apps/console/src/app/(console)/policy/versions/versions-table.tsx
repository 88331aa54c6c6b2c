import type { PolicyVersionRow } from '@parapet/policy-admin';
import Link from 'next/link';
import { ActivityTime } from '@/components/activity/activity-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { RollbackForm } from './rollback-form';

type Side = number | 'draft';

/** The published versions, newest first, each comparable with the one before and restorable. */
export function VersionsTable({
  orgId,
  versions,
  canRollBack,
  compared,
}: {
  orgId: string;
  versions: PolicyVersionRow[];
  canRollBack: boolean;
  compared: { from: Side | null; to: Side };
}) {
  const newest = versions[0]?.version;
  return (
    <TableFrame caption="Policy versions" minWidth="min-w-[52rem]">
      <TableHead
        columns={[
          { label: 'Version' },
          { label: 'Message' },
          { label: 'Published' },
          { label: <span className="sr-only">Actions</span>, className: 'text-right' },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {versions.map((row, index) => {
          const previous = versions[index + 1]?.version;
          const shown = compared.to === row.version && compared.from === previous;
          return (
            <tr key={row.version} className={shown ? 'bg-accent-50/50' : undefined}>
              <td className="px-5 py-3 align-top">
                <span className="font-semibold text-neutral-900 tabular-nums">v{row.version}</span>
                {row.version === newest ? (
                  <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-700">
                    In force
                  </span>
                ) : null}
              </td>
              <td className="px-5 py-3 align-top">
                <div className="text-neutral-900">{row.message}</div>
                {row.rolledBackFrom === null ? null : (
                  <div className="text-xs text-neutral-500">
                    Rolled back to the content of v{row.rolledBackFrom}
                  </div>
                )}
              </td>
              <td className="px-5 py-3 align-top text-xs text-neutral-600">
                <ActivityTime value={row.createdAt} />
                <div className="text-neutral-500">
                  by {row.authorEmail ?? `API key ${row.authorApiKeyId ?? ''}`.trim()}
                </div>
              </td>
              <td className="px-5 py-3 text-right align-top">
                <div className="flex flex-wrap items-start justify-end gap-3">
                  {previous === undefined ? null : (
                    <Link
                      href={`/policy/versions?from=${previous}&to=${row.version}`}
                      className="text-sm font-medium text-accent-700 hover:underline"
                      aria-label={`Compare v${previous} with v${row.version}`}
                    >
                      Changes
                    </Link>
                  )}
                  {canRollBack && row.version !== newest ? (
                    <RollbackForm orgId={orgId} version={row.version} />
                  ) : null}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
