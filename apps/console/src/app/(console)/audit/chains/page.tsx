import { listDeviceChains } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import Link from 'next/link';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { ChainStateBadge } from '@/components/audit/chain-state-badge';
import { VerifyChainButton } from '@/components/audit/verify-chain-button';
import { singleParam } from '@/components/forms/filter-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { requireMember } from '@/server/pages/current-member';

export const metadata = { title: 'Device chains' };

export default async function DeviceChainsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const device = singleParam((await searchParams).device);
  const chains = await listDeviceChains({
    pool: getPgPool(),
    actor,
    input: device && /^[0-9a-f-]{36}$/.test(device) ? { device } : {},
  });
  return (
    <>
      <PageHeader
        title="Audit"
        description="Each device numbers its events and names the hash of the one before, so missing, edited or replayed events show. Verify rehashes a device's stored events now."
      />
      <AuditTabs />
      <Card
        title="Device chains"
        description={`${chains.counts.ok} intact, ${chains.counts.gaps} with gaps, ${chains.counts.breaks} with breaks, ${chains.counts.late} with late events.`}
      >
        {chains.devices.length === 0 ? (
          <EmptyState title="No device has reported events yet">
            Chains appear once devices upload their decisions.
          </EmptyState>
        ) : (
          <TableFrame caption="Device chains" minWidth="min-w-[56rem]">
            <TableHead
              columns={[
                { label: 'Device' },
                { label: 'Person' },
                { label: 'Chain' },
                { label: 'Events' },
                { label: 'Missing' },
                { label: 'Last issue' },
                { label: '' },
              ]}
            />
            <tbody>
              {chains.devices.map((chain) => (
                <tr
                  key={chain.deviceId}
                  className="border-t border-neutral-100 align-top"
                  data-testid="chain-row"
                >
                  <td className="px-5 py-2">
                    <Link
                      href={`/devices/${chain.deviceId}`}
                      className="text-accent-700 hover:underline"
                    >
                      {chain.hostname ?? chain.deviceId}
                    </Link>
                  </td>
                  <td className="px-5 py-2">{chain.personEmail ?? '—'}</td>
                  <td className="px-5 py-2">
                    <ChainStateBadge state={chain.state} />
                  </td>
                  <td className="px-5 py-2 tabular-nums">
                    {chain.events.toLocaleString('en')} (last seq {chain.lastSeq})
                  </td>
                  <td className="px-5 py-2 tabular-nums">{chain.missing}</td>
                  <td className="px-5 py-2 text-xs">
                    {chain.lastIssue
                      ? `${chain.lastIssue.kind} at seq ${chain.lastIssue.seq}`
                      : '—'}
                  </td>
                  <td className="px-5 py-2">
                    <VerifyChainButton orgId={actor.orgId} deviceId={chain.deviceId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}
      </Card>
    </>
  );
}
