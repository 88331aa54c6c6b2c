import type { listSigningKeys } from '@parapet/distribution';
import { ActivityTime } from '@/components/activity/activity-time';
import { classNames } from '@/components/ui/class-names';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { RetireSigningKeyButton } from './signing-key-controls';

type SigningKeysView = Awaited<ReturnType<typeof listSigningKeys>>;
type SigningKeyRow = SigningKeysView['keys'][number];

const stateLooks: Record<SigningKeyRow['state'], { label: string; tone: string; note: string }> = {
  active: {
    label: 'Active',
    tone: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
    note: 'Signs every bundle.',
  },
  retiring: {
    label: 'Retiring',
    tone: 'bg-amber-50 text-amber-800 ring-amber-200',
    note: 'Still signs, beside the new key, until retired.',
  },
  retired: {
    label: 'Retired',
    tone: 'bg-neutral-100 text-neutral-600 ring-neutral-300',
    note: 'Signs nothing; its private part is erased.',
  },
};

/** The org's signing keys by `kid` (public parts only); owners retire a rotation's old key. */
export function SigningKeysTable({
  orgId,
  keys,
  canManage,
}: {
  orgId: string;
  keys: SigningKeyRow[];
  canManage: boolean;
}) {
  return (
    <TableFrame caption="Signing keys" minWidth="min-w-[52rem]">
      <TableHead
        columns={[
          { label: 'Key id (kid)' },
          { label: 'State' },
          { label: 'Created' },
          { label: 'Retired' },
          {
            label: canManage ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {keys.map((key) => {
          const look = stateLooks[key.state];
          return (
            <tr key={key.kid} data-testid="signing-key-row" data-state={key.state}>
              <td className="px-5 py-3 font-mono text-xs break-all text-neutral-800">{key.kid}</td>
              <td className="px-5 py-3">
                <span
                  title={look.note}
                  className={classNames(
                    'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
                    look.tone,
                  )}
                >
                  {look.label}
                </span>
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                <ActivityTime value={key.createdAt} />
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                {key.retiredAt ? <ActivityTime value={key.retiredAt} /> : '—'}
              </td>
              <td className="px-5 py-3 text-right">
                {canManage && key.state === 'retiring' ? (
                  <RetireSigningKeyButton orgId={orgId} kid={key.kid} />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}

/** The key-set chain, newest first: which keys each version trusts. */
export function KeySetsTable({
  keySets,
  currentVersion,
}: {
  keySets: SigningKeysView['keySets'];
  currentVersion: number;
}) {
  return (
    <TableFrame caption="Key sets" minWidth="min-w-[44rem]">
      <TableHead columns={[{ label: 'Version' }, { label: 'Keys' }, { label: 'Published' }]} />
      <tbody className="divide-y divide-neutral-100">
        {keySets.map((keySet) => (
          <tr key={keySet.version} data-testid="key-set-row">
            <td className="px-5 py-3 text-sm font-medium text-neutral-900 tabular-nums">
              {keySet.version}
              {keySet.version === currentVersion ? (
                <span className="ml-2 text-xs font-normal text-emerald-700">current</span>
              ) : null}
            </td>
            <td className="px-5 py-3">
              <ul className="space-y-0.5">
                {keySet.kids.map((kid) => (
                  <li key={kid} className="font-mono text-xs break-all text-neutral-700">
                    {kid}
                  </li>
                ))}
              </ul>
            </td>
            <td className="px-5 py-3 text-xs text-neutral-600">
              <ActivityTime value={keySet.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
