import type { PeopleImportPreview } from '@parapet/policy-admin';
import type { ReactNode } from 'react';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';

type Update = PeopleImportPreview['updates'][number];

/** What an import would do: bad lines first (they stop it), then additions, changes, the rest. */
export function ImportPreview({ preview }: { preview: PeopleImportPreview }) {
  const { counts } = preview;
  return (
    <section aria-label="Import preview" className="space-y-4">
      <ul className="flex flex-wrap gap-2 text-sm">
        <CountChip tone="emerald">{plural(counts.creates, 'person', 'people')} to add</CountChip>
        <CountChip tone="accent">{plural(counts.updates, 'person', 'people')} to change</CountChip>
        <CountChip tone="neutral">{counts.unchanged} unchanged</CountChip>
        <CountChip tone={counts.problems > 0 ? 'red' : 'neutral'}>
          {plural(counts.problems, 'bad line', 'bad lines')}
        </CountChip>
      </ul>
      {preview.problems.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3.5 py-2.5">
          <p className="text-sm font-medium text-red-800">
            Nothing can be imported until these lines are fixed: an import is applied whole or not
            at all.
          </p>
          <ul className="mt-2 space-y-1 text-sm text-red-800" data-testid="import-problems">
            {preview.problems.map((problem) => (
              <li key={`${problem.line}-${problem.message}`}>
                <span className="font-mono font-medium">Line {problem.line}:</span>{' '}
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.creates.length > 0 ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-neutral-900">To add</h3>
          <TableFrame caption="People to add" minWidth="min-w-[36rem]">
            <TableHead
              columns={[
                { label: 'Line' },
                { label: 'Email' },
                { label: 'Name' },
                { label: 'Groups' },
              ]}
            />
            <tbody className="divide-y divide-neutral-100">
              {preview.creates.map((person) => (
                <tr key={person.line}>
                  <td className="px-5 py-2 font-mono text-xs text-neutral-500">{person.line}</td>
                  <td className="px-5 py-2">{person.email}</td>
                  <td className="px-5 py-2">{person.displayName ?? '—'}</td>
                  <td className="px-5 py-2 font-mono text-xs">
                    {person.groups.join(', ') || '—'}
                    {person.active ? null : (
                      <span className="ml-2 font-sans text-neutral-500">(inactive)</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        </div>
      ) : null}
      {preview.updates.length > 0 ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-neutral-900">To change</h3>
          <TableFrame caption="People to change" minWidth="min-w-[36rem]">
            <TableHead columns={[{ label: 'Line' }, { label: 'Email' }, { label: 'Changes' }]} />
            <tbody className="divide-y divide-neutral-100">
              {preview.updates.map((update) => (
                <tr key={update.line}>
                  <td className="px-5 py-2 font-mono text-xs text-neutral-500">{update.line}</td>
                  <td className="px-5 py-2">{update.email}</td>
                  <td className="px-5 py-2">
                    <ul className="space-y-0.5 text-xs text-neutral-700">
                      {describeUpdate(update).map((change) => (
                        <li key={change}>{change}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        </div>
      ) : null}
      {preview.unchanged.length > 0 ? (
        <details className="text-sm text-neutral-600">
          <summary className="cursor-pointer">
            {plural(preview.unchanged.length, 'line changes', 'lines change')} nothing
          </summary>
          <p className="mt-1 text-xs">
            {preview.unchanged.map((row) => `${row.email} (line ${row.line})`).join(', ')}
          </p>
        </details>
      ) : null}
    </section>
  );
}

function describeUpdate({ changes }: Update): string[] {
  const described: string[] = [];
  const text = (value: string | null) => (value === null ? '(none)' : `“${value}”`);
  if (changes.displayName) {
    described.push(
      `Display name: ${text(changes.displayName.from)} → ${text(changes.displayName.to)}`,
    );
  }
  if (changes.externalId) {
    described.push(
      `External id: ${text(changes.externalId.from)} → ${text(changes.externalId.to)}`,
    );
  }
  if (changes.groups) {
    const { added, removed } = changes.groups;
    if (added.length > 0) described.push(`Joins ${added.join(', ')}`);
    if (removed.length > 0) described.push(`Leaves ${removed.join(', ')}`);
  }
  if (changes.active) described.push(changes.active.to ? 'Reactivated' : 'Deactivated');
  return described;
}

const chipTones = {
  emerald: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  accent: 'bg-accent-50 text-accent-800 ring-accent-200',
  neutral: 'bg-neutral-50 text-neutral-700 ring-neutral-200',
  red: 'bg-red-50 text-red-800 ring-red-200',
} as const;

function CountChip({ tone, children }: { tone: keyof typeof chipTones; children: ReactNode }) {
  return (
    <li className={`rounded-full px-2.5 py-0.5 font-medium ring-1 ring-inset ${chipTones[tone]}`}>
      {children}
    </li>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
