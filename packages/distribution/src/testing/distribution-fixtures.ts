import { generateKeyPairSync, sign } from 'node:crypto';
import { type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import type { PrismaClient } from '@parapet/db';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { createPerson, createPolicyGroup } from '@parapet/policy-admin';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { enrollDevice } from '../devices/enroll-device';
import { createEnrollmentToken } from '../enrollment/create-enrollment-token';

/** A fresh database per test, with its URL (for a LISTEN client) beside the Prisma client. */
export function setupDistributionDatabase(): { db: () => PrismaClient; url: () => string } {
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  const current = () => {
    if (!database) throw new Error('No test database outside a test.');
    return database;
  };
  return { db: () => current().prisma, url: () => current().databaseUrl };
}

export type DistributionOrg = SeededOrg & {
  /** An active person in the `eng` group. */
  personEmail: string;
};

/** An org with an owner, admin and auditor, groups `eng` and `ops`, and one person in `eng`. */
export async function seedDistributionOrg(prisma: PrismaClient): Promise<DistributionOrg> {
  const org = await seedOrg({ prisma });
  for (const name of ['eng', 'ops']) {
    await createPolicyGroup({ db: prisma, actor: org.admin.actor, input: { name } });
  }
  const personEmail = `person-${org.orgId.slice(-6)}@example.test`;
  await createPerson({
    db: prisma,
    actor: org.admin.actor,
    input: { email: personEmail, groups: ['eng'] },
  });
  return { ...org, personEmail };
}

/** A device's Ed25519 key pair: its public JWK and a signer for challenges. */
export function newDeviceKey(): {
  publicKey: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  signChallenge: (challenge: string) => string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return {
    publicKey: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    signChallenge: (challenge) =>
      sign(null, Buffer.from(challenge, 'utf8'), privateKey).toString('base64url'),
  };
}

export const deviceFacts = { hostname: 'laptop-1', os: 'macOS 15.1', agentVersion: '0.1.0' };

/** Creates a token (by the org's admin) and enrolls a new device with it. */
export async function enrollTestDevice({
  db,
  org,
  token,
  hostname = deviceFacts.hostname,
  now,
}: {
  db: PrismaClient;
  org: SeededOrg;
  token?: Parameters<typeof createEnrollmentToken>[0]['input'];
  hostname?: string;
  now?: Date;
}) {
  const created = await createEnrollmentToken({
    db,
    actor: org.admin.actor,
    input: token ?? {},
    ...(now ? { now } : {}),
  });
  const key = newDeviceKey();
  const enrolled = await enrollDevice({
    db,
    input: { token: created.token, publicKey: key.publicKey, device: { ...deviceFacts, hostname } },
    issuer: 'https://parapet.example.test',
    ...(now ? { now } : {}),
  });
  return { ...enrolled, key, enrollmentToken: created };
}

/** A LISTEN client on `parapet_distribution` that keeps every payload it receives. */
export async function listenToDistribution(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const received: Record<string, unknown>[] = [];
  client.on('notification', (message) => {
    if (message.channel === 'parapet_distribution' && message.payload) {
      received.push(JSON.parse(message.payload) as Record<string, unknown>);
    }
  });
  await client.query('LISTEN parapet_distribution');
  return {
    received,
    /** Waits until a payload matching `expected` arrives (or fails after 5 s). */
    async waitFor(expected: Record<string, unknown>): Promise<void> {
      const matches = () =>
        received.some((payload) =>
          Object.entries(expected).every(([key, value]) => payload[key] === value),
        );
      const deadline = Date.now() + 5000;
      while (!matches()) {
        if (Date.now() > deadline) {
          throw new Error(
            `No notification ${JSON.stringify(expected)}; got ${JSON.stringify(received)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    /** Lets notifications already sent arrive, then forgets them. */
    async clear(): Promise<void> {
      await client.query('SELECT 1');
      received.length = 0;
    },
    close: () => client.end(),
  };
}

/** Everything a test may want to check no secret leaked into: the org's activity details. */
export async function activityText(prisma: PrismaClient, orgId: string): Promise<string> {
  const entries = await prisma.activityLogEntry.findMany({ where: { orgId } });
  return JSON.stringify(entries);
}
