import type { PrismaClient } from '@parapet/db';

/**
 * A directory with SCIM groups and people, straight into the database, for tests of what
 * administers directories (mappings, deletes, the event log) without going through SCIM.
 */
export async function seedDirectoryWorld({
  prisma,
  orgId,
  policyGroups = ['eng', 'ops'],
  scimGroups = ['Engineers'],
  people = ['ada@example.com'],
}: {
  prisma: PrismaClient;
  orgId: string;
  policyGroups?: string[];
  scimGroups?: string[];
  people?: string[];
}) {
  const policy = new Map<string, string>();
  for (const name of policyGroups) {
    const group = await prisma.policyGroup.create({
      data: { orgId, name, document: { create: { orgId, layer: `group:${name}`, source: '' } } },
    });
    policy.set(name, group.id);
  }
  const directory = await prisma.directory.create({
    data: {
      orgId,
      name: 'Seeded IdP',
      tokenHash: `seeded-${orgId}-${Math.random()}`.slice(0, 64),
      tokenPrefix: 'pds_seeded',
    },
  });
  const groups = new Map<string, string>();
  for (const displayName of scimGroups) {
    const group = await prisma.directoryGroup.create({
      data: { orgId, directoryId: directory.id, displayName },
    });
    groups.set(displayName, group.id);
  }
  const personIds = new Map<string, string>();
  for (const email of people) {
    const person = await prisma.person.create({
      data: { orgId, email, directoryId: directory.id, userName: email },
    });
    personIds.set(email, person.id);
  }
  return { directory, policy, groups, people: personIds };
}
