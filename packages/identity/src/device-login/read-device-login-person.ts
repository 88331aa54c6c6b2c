import { hashSecretToken, readSession } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';

/**
 * Who is at the people page, as device login sees them. Only a session made by single sign-on
 * counts, and only through the org of its SSO connection: a console password says nothing
 * about which org's person someone is.
 */
export type DeviceLoginPerson =
  | {
      kind: 'person';
      orgId: string;
      organizationName: string;
      sessionKey: string;
      userId: string;
      person: { id: string; email: string; displayName: string | null };
    }
  /** No session, or one from a password (or an SSO connection since removed or turned off). */
  | { kind: 'no_sso_session'; signedIn: boolean }
  | { kind: 'no_person'; email: string; organizationName: string }
  | { kind: 'person_inactive'; email: string; organizationName: string };

export async function readDeviceLoginPerson({
  db,
  sessionToken,
  now = new Date(),
}: {
  db: PrismaClient;
  sessionToken: string | undefined;
  now?: Date;
}): Promise<DeviceLoginPerson> {
  const user = await readSession({ db, sessionToken, now });
  if (!user || !sessionToken) return { kind: 'no_sso_session', signedIn: false };
  const sessionKey = hashSecretToken(sessionToken);
  const session = await db.session.findUnique({
    where: { sessionToken: sessionKey },
    select: { ssoConnectionId: true },
  });
  const connection = session?.ssoConnectionId
    ? await db.ssoConnection.findUnique({
        where: { id: session.ssoConnectionId },
        select: { orgId: true, enabled: true, organization: { select: { name: true } } },
      })
    : null;
  if (!connection?.enabled) return { kind: 'no_sso_session', signedIn: true };
  const email = user.email.toLowerCase();
  const organizationName = connection.organization.name;
  const person = await scopedDb({ prisma: db, orgId: connection.orgId }).person.findFirst({
    where: { email },
    select: { id: true, email: true, displayName: true, active: true },
  });
  if (!person) return { kind: 'no_person', email, organizationName };
  if (!person.active) return { kind: 'person_inactive', email, organizationName };
  return {
    kind: 'person',
    orgId: connection.orgId,
    organizationName,
    sessionKey,
    userId: user.userId,
    person: { id: person.id, email: person.email, displayName: person.displayName },
  };
}

/** What the people page says for each refusal; one sentence a person can act on. */
export function deviceLoginRefusalMessage(
  refusal: Exclude<DeviceLoginPerson, { kind: 'person' }>,
): string {
  switch (refusal.kind) {
    case 'no_sso_session':
      return refusal.signedIn
        ? 'A device can only be approved after signing in with your organization’s single sign-on; a console password does not count.'
        : 'Sign in with your organization’s single sign-on to approve this device.';
    case 'no_person':
      return `${refusal.email} is not one of the people of ${refusal.organizationName} in Parapet. Ask your Parapet admin to add you.`;
    case 'person_inactive':
      return `${refusal.email} is deactivated in ${refusal.organizationName}, so it cannot enroll devices.`;
  }
}
