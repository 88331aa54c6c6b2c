import { randomBytes } from 'node:crypto';
import type {
  Membership,
  Organization,
  PrismaClient,
  Role,
  User,
} from '../generated/prisma/client';

// Small factories for integration tests. Every field has a unique, valid default so tests state
// only what matters to them; later packages add factories for their own models beside these.

function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function createOrg({
  prisma,
  name = `Org ${uniqueSuffix()}`,
}: {
  prisma: PrismaClient;
  name?: string;
}): Promise<Organization> {
  return prisma.organization.create({ data: { name } });
}

export async function createUser({
  prisma,
  email = `user-${uniqueSuffix()}@example.test`,
  name = null,
  passwordHash = null,
}: {
  prisma: PrismaClient;
  email?: string;
  name?: string | null;
  passwordHash?: string | null;
}): Promise<User> {
  return prisma.user.create({ data: { email: email.toLowerCase(), name, passwordHash } });
}

export async function createMembership({
  prisma,
  orgId,
  userId,
  role = 'admin',
}: {
  prisma: PrismaClient;
  orgId: string;
  userId: string;
  role?: Role;
}): Promise<Membership> {
  return prisma.membership.create({ data: { orgId, userId, role } });
}
