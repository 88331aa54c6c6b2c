import { roleAtLeast } from '@parapet/accounts/schemas';
import { listDeviceChains } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { getDevice } from '@parapet/distribution';
import { deviceIdSchema } from '@parapet/distribution/schemas';
import { isAppError } from '@parapet/errors';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ActivityTime } from '@/components/activity/activity-time';
import { ChainStateBadge } from '@/components/audit/chain-state-badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { DeviceStateBadge, deviceStateDescriptions } from '../device-state-badge';
import { DevicesTabs } from '../devices-tabs';
import { GroupChips } from '../group-chips';
import { RevokeDeviceForm } from './revoke-device-form';

export const metadata = { title: 'Device' };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireMember();
  const input = deviceIdSchema.safeParse(await params);
  if (!input.success) notFound();
  const device = await getDevice({ db: db(), actor, input: input.data }).catch((error) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const [chain] = (
    await listDeviceChains({ pool: getPgPool(), actor, input: { device: device.id } })
  ).devices;
  const now = new Date();
  const canRevoke = roleAtLeast(actor.role, 'admin');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/devices" className="text-accent-700 hover:underline">
          ← Devices
        </Link>
      </p>
      <PageHeader
        title={device.hostname}
        description={`${device.os} · agent ${device.agentVersion}`}
      />
      <DevicesTabs />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Status">
          <dl className="divide-y divide-neutral-100 text-sm">
            <Fact label="State">
              <div className="flex flex-wrap items-center gap-2">
                <DeviceStateBadge state={device.state} />
                <span className="text-neutral-500">{deviceStateDescriptions[device.state]}</span>
              </div>
            </Fact>
            <Fact label="Bundle generation">
              {device.activeVer === null ? (
                <span className="text-neutral-500">None reported yet</span>
              ) : (
                <span className="tabular-nums">{device.activeVer}</span>
              )}
            </Fact>
            <Fact label="Last status">
              {device.statusAt ? <RelativeTime value={device.statusAt} now={now} /> : 'Never'}
              {device.droppedEvents > 0 ? (
                <div className="text-amber-800">
                  {device.droppedEvents} audit events dropped while the edge was unreachable
                </div>
              ) : null}
            </Fact>
            <Fact label="Last seen">
              {device.lastSeenAt ? <RelativeTime value={device.lastSeenAt} now={now} /> : 'Never'}
            </Fact>
            <Fact label="Last error">
              {device.lastError ? (
                <div className="text-red-700" data-testid="device-last-error">
                  <span className="font-mono">{device.lastError.code}</span>:{' '}
                  {device.lastError.message}
                </div>
              ) : (
                <span className="text-neutral-500">None reported</span>
              )}
            </Fact>
            {device.revokedAt ? (
              <Fact label="Revoked">
                <ActivityTime value={device.revokedAt} />
              </Fact>
            ) : null}
          </dl>
        </Card>
        <Card title="Identity">
          <dl className="divide-y divide-neutral-100 text-sm">
            <Fact label="Person">
              {device.person ? (
                <>
                  {device.person.email}
                  {device.person.active ? null : (
                    <span className="text-neutral-500"> (deactivated: the edge refuses it)</span>
                  )}
                </>
              ) : (
                <span className="text-neutral-500">Nobody: only its groups apply</span>
              )}
            </Fact>
            <Fact label="Policy groups">
              <GroupChips groups={device.groups} />
            </Fact>
            <Fact label="Enrolled">
              <ActivityTime value={device.enrolledAt} />
            </Fact>
            <Fact label="Audit chain">
              {chain ? (
                <div className="flex flex-wrap items-center gap-2" data-testid="device-chain">
                  <ChainStateBadge state={chain.state} />
                  <span className="text-neutral-600">
                    {chain.events.toLocaleString('en')} events, last seq {chain.lastSeq}
                    {chain.missing > 0 ? `, ${chain.missing} missing` : ''}
                  </span>
                  <Link
                    href={`/audit/chains?device=${device.id}`}
                    className="text-accent-700 underline"
                  >
                    Verify
                  </Link>
                </div>
              ) : (
                <span className="text-neutral-500">No events reported yet</span>
              )}
            </Fact>
            <Fact label="Device id">
              <code className="font-mono text-xs break-all">{device.id}</code>
            </Fact>
          </dl>
        </Card>
      </div>
      {canRevoke ? (
        <Card
          title="Revoke"
          description="For a lost, retired or compromised machine: the edge refuses it from its next request on."
          className="mt-6"
        >
          <RevokeDeviceForm
            orgId={actor.orgId}
            id={device.id}
            hostname={device.hostname}
            revoked={device.revokedAt !== null}
          />
        </Card>
      ) : device.revokedAt ? null : (
        <p className="mt-6 text-sm text-neutral-600">
          Revoking a device takes an admin or an owner.
        </p>
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr]">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="text-neutral-900">{children}</dd>
    </div>
  );
}
