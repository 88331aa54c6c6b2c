import { roleAtLeast } from '@parapet/accounts/schemas';
import { listDevices } from '@parapet/distribution';
import { listDevicesSchema } from '@parapet/distribution/schemas';
import { listPolicyGroups } from '@parapet/policy-admin';
import Link from 'next/link';
import { NextPageLink, singleParam } from '@/components/forms/filter-form';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { DeviceFilters, type DeviceFilterValues } from './device-filters';
import { DevicesTable } from './devices-table';
import { DevicesTabs } from './devices-tabs';

export const metadata = { title: 'Devices' };

export default async function DevicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor } = await requireMember();
  const params = await searchParams;
  const values: DeviceFilterValues = {
    q: singleParam(params.q) || undefined,
    state: singleParam(params.state) || undefined,
    group: singleParam(params.group) || undefined,
    person: singleParam(params.person) || undefined,
  };
  // A malformed filter in the address shows the unfiltered list rather than an error page.
  const filters = listDevicesSchema.safeParse({ ...values, cursor: singleParam(params.cursor) });
  const [page, groupRows] = await Promise.all([
    listDevices({ db: db(), actor, input: filters.success ? filters.data : {} }),
    listPolicyGroups({ db: db(), actor }),
  ]);
  const filtered =
    filters.success && Boolean(values.q || values.state || values.group || values.person);
  const canEnroll = roleAtLeast(actor.role, 'admin');
  return (
    <>
      <PageHeader
        title="Devices"
        description="The endpoints that enforce this organization's policy. Each pulls its signed bundle from the edge API and reports which generation it runs, so you can see who is current."
      />
      <DevicesTabs />
      <Card
        title="Enrolled devices"
        description={`Current policy generation: ${page.generation}. A device is current when it runs it, stale when it runs an older one, failing when it reported an error.`}
      >
        <DeviceFilters groups={groupRows.map((group) => group.name)} values={values} />
        {page.devices.length === 0 ? (
          <EmptyState title={filtered ? 'No device matches these filters' : 'No devices yet'}>
            {filtered ? (
              'Try another search, or clear the filters.'
            ) : canEnroll ? (
              <>
                Create an{' '}
                <Link href="/devices/enrollment-tokens" className="text-accent-700 underline">
                  enrollment token
                </Link>
                , then run the command it gives on the device: it shows up here once enrolled.
              </>
            ) : (
              'An admin creates an enrollment token; devices enrolled with it show up here.'
            )}
          </EmptyState>
        ) : (
          <DevicesTable devices={page.devices} generation={page.generation} now={new Date()} />
        )}
        {page.nextCursor ? (
          <NextPageLink
            action="/devices"
            filters={values}
            cursorParam="cursor"
            cursor={page.nextCursor}
          />
        ) : null}
      </Card>
    </>
  );
}
