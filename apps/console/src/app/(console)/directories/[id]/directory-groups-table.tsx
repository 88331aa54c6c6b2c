import type { DirectoryGroupView } from '@parapet/directory';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { GroupMappingEditor } from './group-mapping-form';

/** A directory's SCIM groups, their member counts and mappings, with the editor for admins. */
export function DirectoryGroupsTable({
  orgId,
  directoryId,
  groups,
  policyGroups,
  canMap,
}: {
  orgId: string;
  directoryId: string;
  groups: DirectoryGroupView[];
  policyGroups: string[];
  canMap: boolean;
}) {
  return (
    <TableFrame caption="Directory groups" minWidth="min-w-[40rem]">
      <TableHead
        columns={[
          { label: 'IdP group' },
          { label: 'Members', className: 'text-right' },
          { label: 'Policy groups' },
          {
            label: canMap ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {groups.map((group) => (
          <tr key={group.id}>
            <td className="px-5 py-3 font-medium text-neutral-900">{group.displayName}</td>
            <td className="px-5 py-3 text-right tabular-nums">{group.memberCount}</td>
            <td className="px-5 py-3">
              {group.policyGroups.length === 0 ? (
                <span className="text-xs text-neutral-400">Not mapped</span>
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {group.policyGroups.map((name) => (
                    <li
                      key={name}
                      className="rounded bg-sky-50 px-1.5 py-0.5 font-mono text-xs text-sky-800 ring-1 ring-sky-200 ring-inset"
                    >
                      {name}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="px-5 py-3 text-right">
              {canMap ? (
                <GroupMappingEditor
                  orgId={orgId}
                  directoryId={directoryId}
                  group={group}
                  policyGroups={policyGroups}
                />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
