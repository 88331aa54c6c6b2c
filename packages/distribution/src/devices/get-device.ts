import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { type DeviceRow, deviceSelect, toDeviceRow } from './device-row';
import { type DeviceIdInput, deviceIdSchema } from './list-devices.schema';

/** One device of the organization. Auditors and up. */
export async function getDevice({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & { input: DeviceIdInput }): Promise<DeviceRow> {
  assertRole(actor, 'auditor');
  const { id } = parseInput(deviceIdSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const [device, organization] = await Promise.all([
    scoped.device.findFirst({ where: { id }, select: deviceSelect }),
    scoped.organization.findUniqueOrThrow({
      where: { id: actor.orgId },
      select: { bundleVer: true },
    }),
  ]);
  if (!device) throw new AppError('NOT_FOUND', 'There is no such device.');
  return toDeviceRow(device, organization.bundleVer);
}
