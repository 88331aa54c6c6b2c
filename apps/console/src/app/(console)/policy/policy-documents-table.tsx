import type { Role } from '@parapet/db';
import Link from 'next/link';
import { ActivityTime } from '@/components/activity/activity-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { DeleteGroupButton } from './delete-group-button';
import { canEditLayer, documentHref, layerLabel } from './policy-layers';

export type DocumentRow = {
  layer: string;
  description: string;
  revision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  problems: number;
  /** People the group governs now; null for guardrails and baseline. */
  activeMembers: number | null;
  /** Whether the draft differs from the published version (or, before any, has been saved). */
  unpublished: boolean;
};

/** Guardrails, baseline and every group's document, with where each draft stands. */
export function PolicyDocumentsTable({
  orgId,
  rows,
  role,
  hasGroups,
}: {
  orgId: string;
  rows: DocumentRow[];
  role: Role;
  hasGroups: boolean;
}) {
  const canDelete = role === 'owner' || role === 'admin';
  return (
    <>
      <TableFrame caption="Policy documents" minWidth="min-w-[52rem]">
        <TableHead
          columns={[
            { label: 'Document' },
            { label: 'Revision' },
            { label: 'Last saved' },
            { label: 'Problems' },
            {
              label: canDelete ? 'Actions' : <span className="sr-only">Actions</span>,
              className: 'text-right',
            },
          ]}
        />
        <tbody className="divide-y divide-neutral-100">
          {rows.map((row) => (
            <tr key={row.layer}>
              <td className="px-5 py-3">
                <Link
                  href={documentHref(row.layer)}
                  className="font-medium text-neutral-900 hover:text-accent-700 hover:underline"
                >
                  {layerLabel(row.layer)}
                </Link>
                {row.unpublished ? (
                  <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">
                    Unpublished changes
                  </span>
                ) : null}
                {canEditLayer(role, row.layer) ? null : (
                  <span className="ml-2 rounded bg-neutral-100 px-1.5 py-0.5 text-xs text-neutral-600">
                    Read-only
                  </span>
                )}
                <div className="max-w-md text-xs text-neutral-500">
                  {row.description || 'No description.'}
                  {row.activeMembers === null
                    ? null
                    : ` · ${row.activeMembers} active ${row.activeMembers === 1 ? 'person' : 'people'}`}
                </div>
              </td>
              <td className="px-5 py-3 text-sm tabular-nums text-neutral-700">
                {row.revision === 0 ? 'Empty' : row.revision}
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                {row.updatedAt ? (
                  <>
                    <ActivityTime value={row.updatedAt} />
                    {row.updatedBy ? (
                      <div className="text-neutral-500">by {row.updatedBy}</div>
                    ) : null}
                  </>
                ) : (
                  'Never saved'
                )}
              </td>
              <td className="px-5 py-3 text-sm">
                {row.problems === 0 ? (
                  <span className="text-emerald-700">None</span>
                ) : (
                  <Link
                    href={documentHref(row.layer)}
                    className="font-medium text-red-700 hover:underline"
                  >
                    {row.problems} {row.problems === 1 ? 'problem' : 'problems'}
                  </Link>
                )}
              </td>
              <td className="px-5 py-3 text-right">
                {canDelete && row.layer.startsWith('group:') ? (
                  <DeleteGroupButton orgId={orgId} name={row.layer.slice('group:'.length)} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {hasGroups ? null : (
        <p className="mt-3 text-sm text-neutral-500">
          No groups yet. Groups give some people rules the others do not get (an engineering team’s
          package registries, a data team’s warehouse).
        </p>
      )}
    </>
  );
}
