import type { ApiKeyRow } from '@parapet/accounts';
import { ActivityTime } from '@/components/activity/activity-time';
import { RoleBadge } from '@/components/ui/role-badge';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { RevokeApiKeyButton } from './revoke-api-key-button';

/** The organization's API keys, each revocable by owners while it still works. */
export function ApiKeysTable({
  orgId,
  apiKeys,
  canManage,
  now,
}: {
  orgId: string;
  apiKeys: ApiKeyRow[];
  canManage: boolean;
  now: Date;
}) {
  return (
    <TableFrame caption="API keys" minWidth="min-w-[52rem]">
      <TableHead
        columns={[
          { label: 'Key' },
          { label: 'Role' },
          { label: 'Created' },
          { label: 'Last used' },
          { label: 'Status' },
          {
            label: canManage ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {apiKeys.map((apiKey) => {
          const status = keyStatus(apiKey, now);
          return (
            <tr key={apiKey.id}>
              <td className="px-5 py-3">
                <div className="font-medium text-neutral-900">{apiKey.name}</div>
                <div className="font-mono text-xs text-neutral-500">{apiKey.prefix}…</div>
              </td>
              <td className="px-5 py-3">
                <RoleBadge role={apiKey.role} />
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                <ActivityTime value={apiKey.createdAt} />
                {apiKey.createdBy ? (
                  <div className="text-neutral-500">by {apiKey.createdBy}</div>
                ) : null}
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                {apiKey.lastUsedAt ? <ActivityTime value={apiKey.lastUsedAt} /> : 'Never'}
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                <KeyStatus apiKey={apiKey} status={status} />
              </td>
              <td className="px-5 py-3 text-right">
                {canManage && status === 'active' ? (
                  <RevokeApiKeyButton orgId={orgId} id={apiKey.id} name={apiKey.name} />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}

type Status = 'active' | 'expired' | 'revoked';

function keyStatus(apiKey: ApiKeyRow, now: Date): Status {
  if (apiKey.revokedAt) return 'revoked';
  if (apiKey.expiresAt && apiKey.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

function KeyStatus({ apiKey, status }: { apiKey: ApiKeyRow; status: Status }) {
  if (status === 'revoked' && apiKey.revokedAt) {
    return (
      <span className="text-red-700">
        Revoked <ActivityTime value={apiKey.revokedAt} />
      </span>
    );
  }
  if (status === 'expired') return <span className="text-neutral-500">Expired</span>;
  if (!apiKey.expiresAt) return <span className="text-emerald-700">Active</span>;
  return (
    <span className="text-emerald-700">
      Active, expires <ActivityTime value={apiKey.expiresAt} />
    </span>
  );
}
