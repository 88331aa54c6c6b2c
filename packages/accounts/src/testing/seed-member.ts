import type { Membership, PrismaClient, Role, User } from '@parapet/db';
import { createMembership, createOrg, createUser } from '@parapet/db/testing';
import type { Actor } from '../shared/actor';
import { hashPassword } from '../shared/passwords';

export const testPassword = 'correct horse battery staple';

// Argon2 costs tens of milliseconds a hash by design, and suites seed thousands of members with
// the same few test passwords: each is hashed once per test process and its real, verifiable
// hash reused (only the salt is shared between the members that have it).
const hashes = new Map<string, Promise<string>>();

function hashTestPassword(password: string): Promise<string> {
  let hashed = hashes.get(password);
  if (!hashed) {
    hashed = hashPassword(password);
    hashes.set(password, hashed);
    hashed.catch(() => hashes.delete(password));
  }
  return hashed;
}

export type SeededMember = { actor: Actor; user: User; membership: Membership; password: string };

/** A person with a local password and a membership: what most domain tests act as. */
export async function seedMember({
  prisma,
  orgId,
  role,
  email,
  password = testPassword,
}: {
  prisma: PrismaClient;
  orgId: string;
  role: Role;
  email?: string;
  password?: string;
}): Promise<SeededMember> {
  const user = await createUser({
    prisma,
    ...(email ? { email } : {}),
    passwordHash: await hashTestPassword(password),
  });
  const membership = await createMembership({ prisma, orgId, userId: user.id, role });
  return {
    actor: { userId: user.id, email: user.email, orgId, role },
    user,
    membership,
    password,
  };
}

export type SeededOrg = {
  orgId: string;
  owner: SeededMember;
  admin: SeededMember;
  auditor: SeededMember;
};

/** An organization with one owner, one admin and one auditor. */
export async function seedOrg({
  prisma,
  name,
}: {
  prisma: PrismaClient;
  name?: string;
}): Promise<SeededOrg> {
  const org = await createOrg({ prisma, ...(name ? { name } : {}) });
  const owner = await seedMember({ prisma, orgId: org.id, role: 'owner' });
  const admin = await seedMember({ prisma, orgId: org.id, role: 'admin' });
  const auditor = await seedMember({ prisma, orgId: org.id, role: 'auditor' });
  return { orgId: org.id, owner, admin, auditor };
}
