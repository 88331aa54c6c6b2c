import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordDistributionActivity } from '../shared/record-distribution-activity';
import { type DeviceRow, deviceSelect, toDeviceRow } from './device-row';
import { type RevokeDeviceInput, revokeDeviceSchema } from './list-devices.schema';

/**
 * Revokes a device: the edges learn it at commit (the `device` notification) and refuse it
 * from its next request on (DEVICE_REVOKED); it cannot get a new access token either. To bring
 * the machine back, enroll it again. Admins and up.
 */
export async function revokeDevice({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: RevokeDeviceInput }): Promise<DeviceRow> {
  assertRole(actor, 'admin');
  const { id } = parseInput(revokeDeviceSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    // The conditional update makes two revocations exclusive: the second finds nothing to do.
    const { count } = await tx.device.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now, revokedByUserId: actor.userId },
    });
    const device = await tx.device.findFirst({ where: { id }, select: deviceSelect });
    if (!device) throw new AppError('NOT_FOUND', 'There is no such device.');
    if (count === 0) throw new AppError('CONFLICT', 'This device is already revoked.');
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: actor.orgId },
      select: { bundleVer: true },
    });
    await recordDistributionActivity(tx, {
      actor,
      action: 'device.revoked',
      target: device.hostname,
      details: { deviceId: device.id, person: device.person?.email ?? null },
      ip,
    });
    return toDeviceRow(device, organization.bundleVer);
  });
}
