import { randomUUID } from 'node:crypto';
import { snapshotDatabase } from '@parapet/accounts/testing';
import type { PrismaClient, Role } from '@parapet/db';
import { expect } from 'vitest';
import type { RequestContext } from '../entry-points/request';
import type { EntryPoint } from './entry-points';
import { runDirectoryTokenChecks } from './run-directory-token-checks';
import type { World, WorldOrg } from './seed-world';

export type Fixture = {
  /** A valid input for organization A (including its orgId), accepted at the minimum role. */
  input: (world: World) => Record<string, unknown>;
  /** The input names objects of organization A: also try them as a member of B, in B. */
  targetsOrgObjects?: boolean;
  /** It only works on an installation without any owner yet (first-run setup). */
  emptyInstallation?: boolean;
  /**
   * Brings the seeded world to the state the input needs, where that state would stand in
   * another fixture's way (a key rotation under way, which refuses a second rotation).
   */
  prepare?: (args: { prisma: PrismaClient; world: World }) => Promise<void>;
};

const roleOrder: Role[] = ['auditor', 'admin', 'owner'];

function request(sessionToken: string | undefined, apiKey?: string): RequestContext {
  return {
    sessionToken,
    apiKey,
    ip: '192.0.2.10',
    origin: 'http://localhost:3000',
    requestId: randomUUID(),
  };
}

/**
 * A checker of refusals for one entry point: each call must be refused with one of `codes` and
 * leave the database unchanged row for row; the names of the checks that ran pile up in `ran`.
 */
function refusalChecker({ prisma, entryPoint }: { prisma: PrismaClient; entryPoint: EntryPoint }) {
  const ran: string[] = [];
  async function expectRefused(
    check: string,
    credentials: { sessionToken?: string | undefined; apiKey?: string },
    rawInput: Record<string, unknown>,
    codes: string[],
  ) {
    const before = await snapshotDatabase(prisma);
    const outcome = await entryPoint.call?.({
      db: prisma,
      request: request(credentials.sessionToken, credentials.apiKey),
      rawInput,
    });
    expect(outcome, `${entryPoint.name}: ${check} must be refused`).toMatchObject({ ok: false });
    expect(codes, `${entryPoint.name}: ${check} refused with ${JSON.stringify(outcome)}`).toContain(
      (outcome as { code: string }).code,
    );
    expect(
      await snapshotDatabase(prisma),
      `${entryPoint.name}: ${check} changed the database`,
    ).toBe(before);
    ran.push(check);
  }
  return { ran, expectRefused };
}

/**
 * The security checks every non-public action and route handler must pass, against a real
 * database: a signed-out caller, an unknown session, a member of another organization and (for
 * member entry points) every role below the minimum are refused with the right code, and the
 * database is unchanged row for row. Last, the minimum role with the same input succeeds, which
 * proves the refusals came from authorization and not from a broken fixture. Returns the names
 * of the checks that ran.
 */
export async function runAuthorizationChecks({
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
  const { call, access } = entryPoint;
  if (!call || access.kind === 'public')
    throw new Error(`${entryPoint.name} is public; nothing to check.`);
  if (access.kind === 'directoryToken') {
    return runDirectoryTokenChecks({ prisma, world, entryPoint, fixture });
  }
  const input = fixture.input(world);
  const { ran, expectRefused: refused } = refusalChecker({ prisma, entryPoint });
  const expectRefused = (
    check: string,
    sessionToken: string | undefined,
    rawInput: Record<string, unknown>,
    codes: string[],
  ) => refused(check, { sessionToken }, rawInput, codes);

  await expectRefused('signed out', undefined, input, ['UNAUTHENTICATED']);
  await expectRefused('unknown session', 'forged-session-token', input, ['UNAUTHENTICATED']);

  const minRole: Role = access.kind === 'member' ? access.minRole : 'auditor';
  if (access.kind === 'member') {
    for (const role of roleOrder) {
      await expectRefused(`other org (${role})`, world.b.members[role].sessionToken, input, [
        'FORBIDDEN',
      ]);
    }
    for (const role of roleOrder.slice(0, roleOrder.indexOf(minRole))) {
      await expectRefused(`role too low (${role})`, world.a.members[role].sessionToken, input, [
        'FORBIDDEN',
      ]);
    }
    await expectRefused(
      'malformed orgId',
      world.a.members.owner.sessionToken,
      { ...input, orgId: 'x' },
      ['FORBIDDEN'],
    );
    if (fixture.targetsOrgObjects) {
      const inOwnOrg = { ...input, orgId: world.b.orgId };
      await expectRefused('other org’s object', world.b.members.owner.sessionToken, inOwnOrg, [
        'NOT_FOUND',
      ]);
    }
    await runDualMemberChecks({ world, input, minRole, fixture, expectRefused });
  }

  const allowed = await call({
    db: prisma,
    request: request(sessionOf(world.a, minRole)),
    rawInput: input,
  });
  expect(allowed, `${entryPoint.name}: ${minRole} of the organization must be allowed`).toEqual({
    ok: true,
  });
  ran.push(`allowed (${minRole})`);
  return ran;
}

/**
 * The same checks for the credential of the admin API, on a route that takes API keys: a
 * malformed, unknown, revoked or expired key is refused as unauthenticated; a key of another
 * organization cannot reach this one's objects; a key whose role is below the minimum is
 * refused; the database is unchanged after each. Last, a key of the minimum role succeeds with
 * the input minus its `orgId` (the key names the organization). Run it on a world of its own:
 * the positive control changes what a second one would meet.
 */
export async function runApiKeyChecks({
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
  const { call, access } = entryPoint;
  if (!call || access.kind !== 'member' || !access.apiKeys) {
    throw new Error(`${entryPoint.name} takes no API keys; nothing to check.`);
  }
  const input = fixture.input(world);
  const { orgId: _orgId, ...keyInput } = input;
  const { ran, expectRefused: refused } = refusalChecker({ prisma, entryPoint });
  const expectRefused = (
    check: string,
    apiKey: string,
    rawInput: Record<string, unknown>,
    codes: string[],
  ) => refused(check, { apiKey }, rawInput, codes);

  const unauthenticated = ['UNAUTHENTICATED'];
  await expectRefused('malformed API key', 'not-a-key', keyInput, unauthenticated);
  await expectRefused('unknown API key', `ppk_${'x'.repeat(43)}`, keyInput, unauthenticated);
  await expectRefused('revoked API key', world.a.apiKeys.revoked.key, keyInput, unauthenticated);
  await expectRefused('expired API key', world.a.apiKeys.expired.key, keyInput, unauthenticated);
  for (const role of roleOrder) {
    await expectRefused(`other org's API key (${role})`, world.b.apiKeys[role].key, input, [
      'FORBIDDEN',
    ]);
  }
  if (fixture.targetsOrgObjects) {
    await expectRefused('other org’s object (API key)', world.b.apiKeys.owner.key, keyInput, [
      'NOT_FOUND',
    ]);
  }
  for (const role of roleOrder.slice(0, roleOrder.indexOf(access.minRole))) {
    await expectRefused(`API key role too low (${role})`, world.a.apiKeys[role].key, keyInput, [
      'FORBIDDEN',
    ]);
  }

  const allowed = await call({
    db: prisma,
    request: request(undefined, world.a.apiKeys[access.minRole].key),
    rawInput: keyInput,
  });
  expect(allowed, `${entryPoint.name}: an API key (${access.minRole}) must be allowed`).toEqual({
    ok: true,
  });
  ran.push(`allowed with an API key (${access.minRole})`);
  return ran;
}

/**
 * The person who belongs to both organizations (auditor of A, owner of B) acts with one of them
 * named: their role in B never lends anything in A, and with B named, A's objects are not there.
 */
async function runDualMemberChecks({
  world,
  input,
  minRole,
  fixture,
  expectRefused,
}: {
  world: World;
  input: Record<string, unknown>;
  minRole: Role;
  fixture: Fixture;
  expectRefused: (
    check: string,
    sessionToken: string | undefined,
    rawInput: Record<string, unknown>,
    codes: string[],
  ) => Promise<void>;
}): Promise<void> {
  const { sessionToken } = world.dual;
  if (minRole !== 'auditor') {
    await expectRefused('member of both, role too low in this one', sessionToken, input, [
      'FORBIDDEN',
    ]);
  }
  if (fixture.targetsOrgObjects) {
    const inOtherOrg = { ...input, orgId: world.b.orgId };
    await expectRefused('member of both, other org named', sessionToken, inOtherOrg, ['NOT_FOUND']);
  }
}

function sessionOf(org: WorldOrg, role: Role): string {
  return org.members[role].sessionToken;
}
