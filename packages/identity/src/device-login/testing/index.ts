import { generateKeyPairSync } from 'node:crypto';
import { hashSecretToken } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { createUser } from '@parapet/db/testing';

export type SsoPersonSession = {
  sessionToken: string;
  email: string;
  personId: string | null;
  ssoConnectionId: string;
};

/**
 * A person of `orgId` signed in through an SSO connection of that org, as the people page sees
 * them after single sign-on: a user, a session whose `ssoConnectionId` names the connection,
 * and (unless `person: false`) a person record in the given groups (created if missing).
 */
export async function seedSsoPersonSession({
  prisma,
  orgId,
  email = `person-${Math.random().toString(36).slice(2, 10)}@example.test`,
  groups = [],
  person = true,
  active = true,
  sso = true,
}: {
  prisma: PrismaClient;
  orgId: string;
  email?: string;
  groups?: string[];
  person?: boolean;
  active?: boolean;
  /** False: a session from a password (no SSO connection behind it). */
  sso?: boolean;
}): Promise<SsoPersonSession> {
  const connection = await prisma.ssoConnection.create({
    data: { orgId, protocol: 'oidc', name: 'Test IdP', oidcIssuer: 'https://idp.example.test' },
  });
  const user = await createUser({ prisma, email });
  const sessionToken = `test-session-${Math.random().toString(36).slice(2)}`;
  await prisma.session.create({
    data: {
      sessionToken: hashSecretToken(sessionToken),
      userId: user.id,
      expires: new Date(Date.now() + 3_600_000),
      ssoConnectionId: sso ? connection.id : null,
    },
  });
  let personId: string | null = null;
  if (person) {
    const created = await prisma.person.create({
      data: { orgId, email: email.toLowerCase(), active },
    });
    personId = created.id;
    for (const name of groups) {
      const group = await prisma.policyGroup.upsert({
        where: { orgId_name: { orgId, name } },
        create: { orgId, name },
        update: {},
      });
      await prisma.personGroup.create({ data: { orgId, personId, groupId: group.id } });
    }
  }
  return { sessionToken, email: email.toLowerCase(), personId, ssoConnectionId: connection.id };
}

/** A fresh Ed25519 device key: the public JWK a device sends and the private key it keeps. */
export function newDeviceLoginKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { publicKey: { kty: 'OKP' as const, crv: 'Ed25519' as const, x }, privateKey };
}

export const testDeviceFacts = { hostname: 'dev-laptop', os: 'linux 6.8', agentVersion: '0.1.0' };
