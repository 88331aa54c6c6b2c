import type { listEnrollmentTokens } from '@parapet/distribution';
import { ActivityTime } from '@/components/activity/activity-time';
import { classNames } from '@/components/ui/class-names';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { GroupChips } from '../group-chips';
import { RevokeEnrollmentTokenButton } from './revoke-enrollment-token-button';

export type EnrollmentTokenRow = Awaited<ReturnType<typeof listEnrollmentTokens>>[number];

const stateLooks: Record<EnrollmentTokenRow['state'], { label: string; tone: string }> = {
  active: { label: 'Active', tone: 'text-emerald-700' },
  used: { label: 'Used', tone: 'text-neutral-500' },
  expired: { label: 'Expired', tone: 'text-neutral-500' },
  revoked: { label: 'Revoked', tone: 'text-red-700' },
};

/** The enrollment tokens, never their secrets; admins revoke the ones that still work. */
export function EnrollmentTokensTable({
  orgId,
  tokens,
  canManage,
}: {
  orgId: string;
  tokens: EnrollmentTokenRow[];
  canManage: boolean;
}) {
  return (
    <TableFrame caption="Enrollment tokens" minWidth="min-w-[52rem]">
      <TableHead
        columns={[
          { label: 'Token' },
          { label: 'For' },
          { label: 'Enrolls' },
          { label: 'Uses' },
          { label: 'Expires' },
          { label: 'State' },
          {
            label: canManage ? 'Actions' : <span className="sr-only">Actions</span>,
            className: 'text-right',
          },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {tokens.map((token) => {
          const look = stateLooks[token.state];
          return (
            <tr key={token.id} data-testid="enrollment-token-row">
              <td className="px-5 py-3">
                <div className="font-medium text-neutral-900">{token.name ?? 'Unnamed'}</div>
                <div className="font-mono text-xs text-neutral-500">{token.prefix}…</div>
                {token.createdBy ? (
                  <div className="text-xs text-neutral-500">by {token.createdBy}</div>
                ) : null}
              </td>
              <td className="px-5 py-3 text-xs">
                {token.person ? (
                  <div className="mb-1 text-neutral-800">{token.person.email}</div>
                ) : null}
                {token.person && token.groups.length === 0 ? null : (
                  <GroupChips groups={token.groups} />
                )}
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                {token.reusable ? 'Any number of devices' : 'One device'}
              </td>
              <td className="px-5 py-3 text-xs text-neutral-600 tabular-nums">{token.uses}</td>
              <td className="px-5 py-3 text-xs text-neutral-600">
                <ActivityTime value={token.expiresAt} />
              </td>
              <td className={classNames('px-5 py-3 text-xs font-medium', look.tone)}>
                {look.label}
                {token.state === 'revoked' && token.revokedAt ? (
                  <div className="font-normal">
                    <ActivityTime value={token.revokedAt} />
                  </div>
                ) : null}
              </td>
              <td className="px-5 py-3 text-right">
                {canManage && token.state === 'active' ? (
                  <RevokeEnrollmentTokenButton
                    orgId={orgId}
                    id={token.id}
                    label={token.name ?? token.prefix}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
