import { configureDatabase, type PrismaClient } from '@parapet/db';
import { testDbContext } from '@parapet/db/testing';
import { createDirectory } from '@parapet/directory';
import type { Fixture } from './run-authorization-checks';
import type { World } from './seed-world';

// Fixtures of the SCIM routes, which take a directory's bearer token: organizations A and B
// each get a directory, and A's directory a user, so a check can try B's token on A's
// address and on A's user.

export type ScimDirectoriesOfWorld = {
  a: { id: string; token: string };
  b: { id: string; token: string };
  /** A user of A's directory. */
  userOfA: string;
};

const byWorld = new Map<string, ScimDirectoriesOfWorld>();

/** The directories `prepareScimDirectories` made for this world. */
export function scimDirectoriesOf(world: World): ScimDirectoriesOfWorld {
  const found = byWorld.get(world.a.orgId);
  if (!found) throw new Error('prepareScimDirectories has not run for this world.');
  return found;
}

/** Points the process's database (which the route handler uses) at this test's database. */
async function useTestDatabase(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(testDbContext().adminUrl);
  url.pathname = `/${row?.name ?? ''}`;
  configureDatabase({ url: url.toString() });
}

export const prepareScimDirectories: Fixture['prepare'] = async ({ prisma, world }) => {
  await useTestDatabase(prisma);
  const origin = 'http://localhost:3000';
  const [a, b] = await Promise.all(
    [world.a, world.b].map((org) =>
      createDirectory({
        db: prisma,
        actor: org.members.owner.actor,
        input: { name: 'IdP' },
        origin,
      }),
    ),
  );
  if (!a || !b) throw new Error('The directories were not created.');
  const user = await prisma.person.create({
    data: {
      orgId: world.a.orgId,
      email: 'scim-user@a.example',
      directoryId: a.id,
      userName: 'scim-user@a.example',
    },
  });
  byWorld.set(world.a.orgId, { a, b, userOfA: user.id });
};

const patchBody = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }],
};

/** The fixture of one SCIM method: A's directory, on A's user (or its Users collection). */
function scimFixture(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'): Fixture {
  return {
    prepare: prepareScimDirectories,
    targetsOrgObjects: method !== 'POST' && method !== 'GET',
    input: (world) => {
      const { a, userOfA } = scimDirectoriesOf(world);
      if (method === 'GET') {
        return { directory: a.id, path: ['Users'], filter: 'userName eq "scim-user@a.example"' };
      }
      if (method === 'POST') {
        return { directory: a.id, path: ['Users'], body: { userName: 'new@a.example' } };
      }
      const body =
        method === 'PUT'
          ? { userName: 'scim-user@a.example' }
          : method === 'PATCH'
            ? patchBody
            : undefined;
      return { directory: a.id, path: ['Users', userOfA], ...(body ? { body } : {}) };
    },
  };
}

export const scimFixtures: Record<string, Fixture> = {
  'scim.get': scimFixture('GET'),
  'scim.post': scimFixture('POST'),
  'scim.put': scimFixture('PUT'),
  'scim.patch': scimFixture('PATCH'),
  'scim.delete': scimFixture('DELETE'),
};
