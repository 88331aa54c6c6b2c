import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@parapet/db';
import { expect } from 'vitest';
import type { EntryPoint } from './entry-points';
import type { Fixture } from './run-authorization-checks';
import { scimDirectoriesOf } from './scim-fixtures';
import type { World } from './seed-world';

/** What SCIM can change, row for row (its own event log and counters aside: refusals are logged). */
async function provisionedState(prisma: PrismaClient): Promise<string> {
  const [people, groups, members, personGroups] = await Promise.all([
    prisma.person.findMany({ orderBy: { id: 'asc' } }),
    prisma.directoryGroup.findMany({ orderBy: { id: 'asc' } }),
    prisma.directoryGroupMember.findMany({ orderBy: [{ groupId: 'asc' }, { personId: 'asc' }] }),
    prisma.personGroup.findMany({ orderBy: [{ personId: 'asc' }, { groupId: 'asc' }] }),
  ]);
  return JSON.stringify({ people, groups, members, personGroups });
}

/**
 * The checks of a route that takes a directory token (SCIM): no credential, a forged session,
 * a console session, an admin API key, and another organization's directory token at this
 * directory's address are all refused as unauthenticated; another organization's token on its
 * own address cannot reach this organization's user (not found); nothing provisioned changes.
 * Last, the directory's own token succeeds.
 */
export async function runDirectoryTokenChecks({
  prisma,
  world,
  entryPoint,
  fixture,
}: {
  prisma: PrismaClient;
  world: World;
  entryPoint: EntryPoint;
  fixture: Fixture;
}): Promise<string[]> {
  const { call } = entryPoint;
  if (!call) throw new Error(`${entryPoint.name} cannot be called.`);
  const input = fixture.input(world);
  const directories = scimDirectoriesOf(world);
  const ran: string[] = [];
  const send = (credentials: { sessionToken?: string; apiKey?: string }, rawInput = input) =>
    call({
      db: prisma,
      request: {
        ...credentials,
        sessionToken: credentials.sessionToken,
        ip: '192.0.2.10',
        origin: 'http://localhost:3000',
        requestId: randomUUID(),
      },
      rawInput,
    });
  const refusals: [
    string,
    { sessionToken?: string; apiKey?: string },
    Record<string, unknown>,
    string,
  ][] = [
    ['signed out', {}, input, 'UNAUTHENTICATED'],
    ['unknown session', { sessionToken: 'forged-session-token' }, input, 'UNAUTHENTICATED'],
    [
      'console session (owner)',
      { sessionToken: world.a.members.owner.sessionToken },
      input,
      'UNAUTHENTICATED',
    ],
    ['API key (owner)', { apiKey: world.a.apiKeys.owner.key }, input, 'UNAUTHENTICATED'],
    ["other org's directory token", { apiKey: directories.b.token }, input, 'UNAUTHENTICATED'],
  ];
  if (fixture.targetsOrgObjects) {
    refusals.push([
      'other org’s object',
      { apiKey: directories.b.token },
      { ...input, directory: directories.b.id },
      'NOT_FOUND',
    ]);
  }
  for (const [check, credentials, rawInput, code] of refusals) {
    const before = await provisionedState(prisma);
    const outcome = await send(credentials, rawInput);
    expect(outcome, `${entryPoint.name}: ${check} must be refused`).toMatchObject({
      ok: false,
      code,
    });
    expect(await provisionedState(prisma), `${entryPoint.name}: ${check} changed people`).toBe(
      before,
    );
    ran.push(check);
  }
  const allowed = await send({ apiKey: directories.a.token });
  expect(allowed, `${entryPoint.name}: the directory's own token must be allowed`).toEqual({
    ok: true,
  });
  ran.push('allowed (directory token)');
  return ran;
}
