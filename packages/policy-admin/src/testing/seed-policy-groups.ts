import type { PrismaClient } from '@parapet/db';

/** Groups of an organization with empty drafts, straight into the database, for tests. */
export async function seedPolicyGroups({
  prisma,
  orgId,
  names,
}: {
  prisma: PrismaClient;
  orgId: string;
  names: readonly string[];
}): Promise<void> {
  for (const name of names) {
    await prisma.policyGroup.create({
      data: {
        orgId,
        name,
        document: { create: { orgId, layer: `group:${name}`, source: '' } },
      },
    });
  }
}
