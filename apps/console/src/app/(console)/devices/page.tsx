import { roleAtLeast } from '@parapet/accounts/schemas';
import { listDevices } from '@parapet/distribution';
import { listDevicesSchema } from '@parapet/distribution/schemas';
import { listPolicyGroups } from '@parapet/policy-admin';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
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
    q: single(params.q) || undefined,
    state: single(params.state) || undefined,
    group: single(params.group) || undefined,
    person: single(params.person) || undefined,
  };
  // A malformed filter in the address shows the unfiltered list rather than an error page.
  const filters = listDevicesSchema.safeParse({ ...values, cursor: single(params.cursor) });
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
          <div className="mt-4 flex justify-end">
            <Link
              href={`/devices?${new URLSearchParams({
                ...definedEntries(values),
                cursor: page.nextCursor,
              }).toString()}`}
              className={buttonClasses('secondary')}
            >
              Next page
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function definedEntries(values: DeviceFilterValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
