import type { PersonRecord } from '@parapet/policy-admin';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { PersonControls } from './person-controls';

/** The directory's people, with edit and deactivate controls for admins and owners. */
export function PeopleTable({
  orgId,
  people,
  groups,
  canManage,
}: {
  orgId: string;
  people: PersonRecord[];
  groups: string[];
  canManage: boolean;
}) {
  return (
    <TableFrame caption="People" minWidth="min-w-[44rem]">
      <TableHead
        columns={[
          { label: 'Person' },
          { label: 'External id' },
          { label: 'Policy groups' },
          { label: 'Status' },
          {
            label: canManage ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {people.map((person) => (
          <tr key={person.id} className={person.active ? undefined : 'bg-neutral-50'}>
            <td className="px-5 py-3">
              <div className="font-medium text-neutral-900">
                {person.displayName ?? person.email}
              </div>
              {person.displayName ? (
                <div className="text-xs text-neutral-500">{person.email}</div>
              ) : null}
            </td>
            <td className="px-5 py-3 font-mono text-xs text-neutral-600">
              {person.externalId ?? <span className="text-neutral-400">—</span>}
            </td>
            <td className="px-5 py-3">
              {person.groups.length === 0 ? (
                <span className="text-xs text-neutral-400">No groups</span>
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {person.groups.map((name) =>
                    person.directoryGroups.includes(name) ? (
                      <li
                        key={name}
                        title="From the directory (an IdP group mapped to this policy group)"
                        className="rounded bg-sky-50 px-1.5 py-0.5 font-mono text-xs text-sky-800 ring-1 ring-sky-200 ring-inset"
                      >
                        {name}
                        <span className="sr-only"> (from the directory)</span>
                      </li>
                    ) : (
                      <li
                        key={name}
                        className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-700"
                      >
                        {name}
                      </li>
                    ),
                  )}
                </ul>
              )}
            </td>
            <td className="px-5 py-3">
              {person.active ? (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                  Active
                </span>
              ) : (
                <span className="rounded-full bg-neutral-100 px-2 py-0.5 text-xs font-medium text-neutral-600 ring-1 ring-neutral-200 ring-inset">
                  Inactive
                </span>
              )}
            </td>
            <td className="px-5 py-3 text-right">
              {canManage ? <PersonControls orgId={orgId} person={person} groups={groups} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
