import { generateKeyPairSync } from 'node:crypto';
import type { Actor } from '@parapet/accounts';
import { createApiKey, createInvite, createSession, revokeApiKey } from '@parapet/accounts';
import { type SeededMember, type SeededOrg, seedMember, seedOrg } from '@parapet/accounts/testing';
import { parseDestinationNetworkPolicy } from '@parapet/audit/deliver';
import { createDestination } from '@parapet/audit/destinations';
import type { PrismaClient, Role } from '@parapet/db';
import { createEnrollmentToken, enrollDevice, listSigningKeys } from '@parapet/distribution';
import { createPerson, publishPolicy, savePolicyDraft } from '@parapet/policy-admin';

export type WorldMember = SeededMember & { sessionToken: string };

export type WorldOrg = Omit<SeededOrg, Role> & {
  members: Record<Role, WorldMember>;
  /** A pending invite (for an auditor) of this organization, and its link's secret. */
  inviteId: string;
  inviteToken: string;
  /** API keys of this organization, created by its owner: one per role, and two dead ones. */
  apiKeys: Record<SeededKeyName, { id: string; key: string }>;
  /**
   * A policy group of this organization (`ops-<label>`) with a valid draft. Organization A has
   * also published its drafts as version 1; B has published nothing, so its callers meet
   * NOT_FOUND for A's version.
   */
  policyGroup: string;
  /** A person of this organization's directory (`person-<label>@example.com`). */
  person: { id: string; email: string };
  /** A reusable enrollment token of this organization, still active, which enrolled `device`. */
  enrollmentToken: { id: string; token: string };
  /** A device enrolled for `person` (`host-<label>`). */
  device: { id: string };
  /** The `kid` of the organization's signing key. */
  signingKid: string;
  /** A webhook destination on the discard port of loopback (a test event to it fails fast). */
  destination: { id: string };
};

export type SeededKeyName = Role | 'revoked' | 'expired';

/**
 * A signed-in person who belongs to both organizations with different roles: an auditor of A
 * and an owner of B. Whatever they do names one organization, and must read and write only it.
 */
export type WorldDualMember = {
  user: SeededMember['user'];
  sessionToken: string;
  /** Their memberships' ids, in A (auditor) and in B (owner). */
  membershipIds: { a: string; b: string };
};

/**
 * Two organizations, each with a signed-in owner, admin and auditor and a pending invite, and
 * one person who is a member of both.
 */
export type World = { a: WorldOrg; b: WorldOrg; dual: WorldDualMember };

export async function seedWorld(prisma: PrismaClient): Promise<World> {
  const a = await seedWorldOrg(prisma, 'a');
  const b = await seedWorldOrg(prisma, 'b');
  return { a, b, dual: await seedDualMember(prisma, { a, b }) };
}

async function seedDualMember(
  prisma: PrismaClient,
  { a, b }: { a: WorldOrg; b: WorldOrg },
): Promise<WorldDualMember> {
  const inA = await seedMember({
    prisma,
    orgId: a.orgId,
    role: 'auditor',
    email: 'dual@example.com',
  });
  const inB = await prisma.membership.create({
    data: { orgId: b.orgId, userId: inA.user.id, role: 'owner' },
  });
  const { sessionToken } = await prisma.$transaction((tx) =>
    createSession({ tx, userId: inA.user.id }),
  );
  return { user: inA.user, sessionToken, membershipIds: { a: inA.membership.id, b: inB.id } };
}

async function seedWorldOrg(prisma: PrismaClient, label: string): Promise<WorldOrg> {
  const org = await seedOrg({ prisma, name: `Org ${label.toUpperCase()}` });
  const members = {} as Record<Role, WorldMember>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const member = org[role];
    const { sessionToken } = await prisma.$transaction((tx) =>
      createSession({ tx, userId: member.user.id }),
    );
    members[role] = { ...member, sessionToken };
  }
  const invite = await createInvite({
    db: prisma,
    actor: org.owner.actor,
    input: { email: `pending-${label}@example.com`, role: 'auditor' },
  });
  const person = await createPerson({
    db: prisma,
    actor: org.owner.actor,
    input: { email: `person-${label}@example.com` },
  });
  return {
    orgId: org.orgId,
    members,
    inviteId: invite.inviteId,
    inviteToken: invite.token,
    apiKeys: await seedApiKeys(prisma, org.owner.actor),
    policyGroup: await seedPolicy(prisma, org.owner.actor, label),
    person,
    ...(await seedDistribution(prisma, org.owner.actor, { label, person: person.email })),
    destination: await createDestination({
      db: prisma,
      actor: org.owner.actor,
      input: {
        type: 'webhook',
        name: `SIEM ${label}`,
        url: 'http://127.0.0.1:9/hook',
        secret: `webhook-secret-of-org-${label}`,
      },
      network: parseDestinationNetworkPolicy({}),
    }),
  };
}

async function seedDistribution(
  prisma: PrismaClient,
  owner: Actor,
  { label, person }: { label: string; person: string },
): Promise<Pick<WorldOrg, 'enrollmentToken' | 'device' | 'signingKid'>> {
  const { keys } = await listSigningKeys({ db: prisma, actor: owner });
  const token = await createEnrollmentToken({
    db: prisma,
    actor: owner,
    input: { name: `Fleet ${label}`, person, reusable: true },
  });
  const { publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  const enrolled = await enrollDevice({
    db: prisma,
    input: {
      token: token.token,
      publicKey: { kty: 'OKP', crv: 'Ed25519', x: x ?? '' },
      device: { hostname: `host-${label}`, os: 'macOS 15.4', agentVersion: '0.1.0' },
    },
  });
  return {
    enrollmentToken: { id: token.id, token: token.token },
    device: { id: enrolled.deviceId },
    signingKid: keys[0]?.kid ?? '',
  };
}

async function seedPolicy(prisma: PrismaClient, owner: Actor, label: string): Promise<string> {
  const group = `ops-${label}`;
  const save = (layer: string, source: string) =>
    savePolicyDraft({ db: prisma, actor: owner, input: { layer, source } });
  await save(
    'baseline',
    'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n',
  );
  await save(`group:${group}`, 'filesystem:\n  rules: []\n');
  if (label === 'a') {
    await publishPolicy({ db: prisma, actor: owner, input: { message: 'First policy' } });
  }
  return group;
}

async function seedApiKeys(
  prisma: PrismaClient,
  owner: Actor,
): Promise<Record<SeededKeyName, { id: string; key: string }>> {
  const create = (name: string, role: Role, extra: { expiresAt?: string; now?: Date } = {}) => {
    const { expiresAt, now } = extra;
    return createApiKey({ db: prisma, actor: owner, input: { name, role, expiresAt }, now });
  };
  const keys = {} as Record<SeededKeyName, { id: string; key: string }>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    keys[role] = await create(`${role} key`, role);
  }
  // Both dead keys are owner keys, so only their state can be why they are refused.
  const revoked = await create('revoked key', 'owner');
  await revokeApiKey({ db: prisma, actor: owner, input: { id: revoked.id } });
  keys.revoked = revoked;
  const anHourAgo = Date.now() - 60 * 60 * 1000;
  keys.expired = await create('expired key', 'owner', {
    now: new Date(anHourAgo - 60_000),
    expiresAt: new Date(anHourAgo).toISOString(),
  });
  return keys;
}
