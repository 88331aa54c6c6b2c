import { parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { type DecideDeviceLoginInput, decideDeviceLoginSchema } from './device-login.schema';
import { withPendingAuthorization } from './find-pending-authorization';

export type DeviceLoginDecision = { decision: 'approve' | 'deny'; hostname: string };

/**
 * A person approves or denies a device login from the people page, signed in by their org's
 * SSO. Approving binds the authorization to their org and person record; the device enrolls
 * as them at its next poll. Either way it is recorded in the org's activity log, in the same
 * transaction, and the code cannot be decided again.
 */
export async function decideDeviceLogin({
  db,
  sessionToken,
  input,
  ip,
  now = new Date(),
}: {
  db: PrismaClient;
  sessionToken: string | undefined;
  input: DecideDeviceLoginInput;
  ip?: string | undefined;
  now?: Date;
}): Promise<DeviceLoginDecision> {
  const { userCode, decision } = parseInput(decideDeviceLoginSchema, input);
  return withPendingAuthorization({
    db,
    sessionToken,
    userCode,
    ip,
    now,
    use: async (tx, { authorization, person }) => {
      const approve = decision === 'approve';
      await tx.deviceAuthorization.update({
        where: { id: authorization.id },
        data: {
          state: approve ? 'approved' : 'denied',
          approvedOrgId: person.orgId,
          personId: person.person.id,
          approvedByEmail: person.person.email,
          decidedAt: now,
        },
      });
      await appendActivity(tx, {
        orgId: person.orgId,
        actorUserId: person.userId,
        actorEmail: person.person.email,
        action: approve ? 'device_login.approved' : 'device_login.denied',
        target: authorization.hostname,
        details: {
          authorizationId: authorization.id,
          person: person.person.email,
          os: authorization.os,
          agentVersion: authorization.agentVersion,
        },
        ip: ip ?? null,
      });
      return { decision, hostname: authorization.hostname };
    },
  });
}
