import { parseInput } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { lookUpDeviceLoginSchema } from './device-login.schema';
import { type PendingAuthorization, withPendingAuthorization } from './find-pending-authorization';

export type DeviceLoginView = PendingAuthorization & {
  organizationName: string;
  person: { email: string; displayName: string | null };
};

/**
 * What the people page shows before a person approves: the device that asked (hostname, OS,
 * agent version, code) and who they are signed in as. Refuses without an SSO session of an
 * org where they are an active person, and for a wrong, expired or used code (wrong codes count
 * towards the code-entry lockout).
 */
export async function lookUpDeviceLogin({
  db,
  sessionToken,
  input,
  ip,
  now = new Date(),
}: {
  db: PrismaClient;
  sessionToken: string | undefined;
  input: { userCode: string };
  ip?: string | undefined;
  now?: Date;
}): Promise<DeviceLoginView> {
  const { userCode } = parseInput(lookUpDeviceLoginSchema, input);
  return withPendingAuthorization({
    db,
    sessionToken,
    userCode,
    ip,
    now,
    use: async (_tx, { authorization, person }) => ({
      ...authorization,
      organizationName: person.organizationName,
      person: { email: person.person.email, displayName: person.person.displayName },
    }),
  });
}
