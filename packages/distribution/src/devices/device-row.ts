import type { Prisma } from '@parapet/db';

export type DeviceState = 'current' | 'stale' | 'failing' | 'revoked';

export type DeviceLastError = { code: string; message: string; at: string };

/** A device as the console shows it. */
export type DeviceRow = {
  id: string;
  hostname: string;
  os: string;
  agentVersion: string;
  person: { email: string; active: boolean } | null;
  /** Its person's groups (while active) and its own, sorted: what its bundle is built for. */
  groups: string[];
  /** The groups its enrollment token gave it. */
  deviceGroups: string[];
  activeVer: number | null;
  lastSeenAt: Date | null;
  state: DeviceState;
  lastError: DeviceLastError | null;
  droppedEvents: number;
  statusAt: Date | null;
  enrolledAt: Date;
  revokedAt: Date | null;
};

export const deviceSelect = {
  id: true,
  hostname: true,
  os: true,
  agentVersion: true,
  groups: true,
  activeVer: true,
  lastSeenAt: true,
  lastError: true,
  droppedEvents: true,
  statusAt: true,
  enrolledAt: true,
  revokedAt: true,
  person: {
    select: {
      email: true,
      active: true,
      groups: { select: { group: { select: { name: true } } } },
    },
  },
} satisfies Prisma.DeviceSelect;

type SelectedDevice = Prisma.DeviceGetPayload<{ select: typeof deviceSelect }>;

/**
 * The contract's device state: `revoked` if revoked; else `failing` if its last status carries
 * an error; else `current` if it runs the org's generation; else `stale`.
 */
export function deviceState(
  device: { revokedAt: Date | null; lastError: unknown; activeVer: number | null },
  generation: number,
): DeviceState {
  if (device.revokedAt) return 'revoked';
  if (device.lastError !== null) return 'failing';
  return device.activeVer === generation ? 'current' : 'stale';
}

export function toDeviceRow(device: SelectedDevice, generation: number): DeviceRow {
  const personGroups =
    device.person?.active === true ? device.person.groups.map(({ group }) => group.name) : [];
  return {
    id: device.id,
    hostname: device.hostname,
    os: device.os,
    agentVersion: device.agentVersion,
    person: device.person ? { email: device.person.email, active: device.person.active } : null,
    groups: [...new Set([...personGroups, ...device.groups])].sort(compareNames),
    deviceGroups: device.groups,
    activeVer: device.activeVer,
    lastSeenAt: device.lastSeenAt,
    state: deviceState(device, generation),
    lastError: device.lastError as DeviceLastError | null,
    droppedEvents: Number(device.droppedEvents),
    statusAt: device.statusAt,
    enrolledAt: device.enrolledAt,
    revokedAt: device.revokedAt,
  };
}

function compareNames(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
