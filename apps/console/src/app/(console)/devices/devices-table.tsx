import type { listDevices } from '@parapet/distribution';
import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableFrame } from '@/components/ui/table-frame';
import { TableHead } from '@/components/ui/table-head';
import { BundleGeneration } from './bundle-generation';
import { DeviceStateBadge } from './device-state-badge';
import { GroupChips } from './group-chips';

export type DeviceRow = Awaited<ReturnType<typeof listDevices>>['devices'][number];

/** The enrolled devices, each linking to its own page (where admins revoke it). */
export function DevicesTable({
  devices,
  generation,
  now,
}: {
  devices: DeviceRow[];
  generation: number;
  now: Date;
}) {
  return (
    <TableFrame caption="Devices" minWidth="min-w-[54rem]">
      <TableHead
        columns={[
          { label: 'Device' },
          { label: 'Person' },
          { label: 'Groups' },
          { label: 'Bundle' },
          { label: 'Last seen' },
          { label: 'State' },
          { label: 'Last error' },
        ]}
      />
      <tbody className="divide-y divide-neutral-100">
        {devices.map((device) => (
          <tr
            key={device.id}
            data-testid="device-row"
            className={device.state === 'revoked' ? 'bg-neutral-50' : undefined}
          >
            <td className="px-5 py-3">
              <Link
                href={`/devices/${device.id}`}
                className="font-medium text-accent-700 hover:underline"
              >
                {device.hostname}
              </Link>
              <div className="text-xs text-neutral-500">
                {device.os} · agent <span className="font-mono">{device.agentVersion}</span>
              </div>
            </td>
            <td className="px-5 py-3 text-xs">
              {device.person ? (
                <>
                  <span className="text-neutral-800">{device.person.email}</span>
                  {device.person.active ? null : (
                    <div className="text-neutral-500">Deactivated</div>
                  )}
                </>
              ) : (
                <span className="text-neutral-400">Nobody</span>
              )}
            </td>
            <td className="px-5 py-3">
              <GroupChips groups={device.groups} />
            </td>
            <td className="px-5 py-3 text-xs">
              <BundleGeneration activeVer={device.activeVer} generation={generation} />
            </td>
            <td className="px-5 py-3 text-xs text-neutral-600">
              {device.lastSeenAt ? <RelativeTime value={device.lastSeenAt} now={now} /> : 'Never'}
            </td>
            <td className="px-5 py-3">
              <DeviceStateBadge state={device.state} />
            </td>
            <td className="max-w-56 px-5 py-3 text-xs">
              {device.lastError ? (
                <span className="line-clamp-2 text-red-700" title={device.lastError.message}>
                  <span className="font-mono">{device.lastError.code}</span>:{' '}
                  {device.lastError.message}
                </span>
              ) : (
                <span className="text-neutral-400">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
