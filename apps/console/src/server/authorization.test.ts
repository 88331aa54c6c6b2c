import { setupSeededTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { entryPointFixtures } from './testing/entry-point-fixtures';
import { runApiKeyChecks, runAuthorizationChecks } from './testing/run-authorization-checks';
import { scanEntryPoints } from './testing/scan-entry-points';
import { seedWorld } from './testing/seed-world';

// Every server action and route handler of the app, found the way Next.js finds them: every
// module under src/ with a file-level 'use server' directive (whatever it is called) and every
// route.ts. An export that was not declared through defineAction / defineRoute / delegateRoute
// fails the registry test below, and so does an inline 'use server' function (no registry can
// see it); an entry point without a fixture fails too, so a new one can never skip the checks.
const { actionExports, routeExports, entryPoints, inlineActions } = await scanEntryPoints();

// The only ways in without a session. Each states its reason in its definition.
const expectedPublic = [
  'api.openapi',
  'auth.endpoints.get',
  'auth.endpoints.post',
  'auth.findSso',
  'auth.signInWithPassword',
  'health.get',
  'invites.acceptInvite',
  'invites.acceptInviteWithPassword',
  'organizations.signUp',
  'setup.setupOrganization',
  // Single sign-on: the IdP's signed answer and a one-time code with the browser's PKCE
  // verifier authenticate the calls (sso-routes.test.ts, saml-sign-in.test.ts).
  'sso.saml.acs',
  'sso.saml.callback',
  'sso.saml.metadata',
  'sso.start',
];

describe('the registry of actions and route handlers', () => {
  it('finds the app’s actions and routes', () => {
    expect(actionExports.length).toBeGreaterThanOrEqual(8);
    expect(routeExports.length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    [...actionExports, ...routeExports].map((scanned) => [
      `${scanned.file} ${scanned.exportName}`,
      scanned,
    ]),
  )('%s is declared through the authorization helper', (_label, scanned) => {
    expect(
      scanned.entryPoint,
      `${scanned.file} exports ${scanned.exportName} without defineAction/defineRoute`,
    ).toBeDefined();
  });

  it('has no inline server actions: each is declared with defineAction in a module of its own', () => {
    expect(inlineActions).toEqual([]);
  });

  it('has unique names', () => {
    const names = entryPoints.map((entryPoint) => entryPoint.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lets in without a session exactly the expected entry points, each with a reason', () => {
    const publicOnes = entryPoints.filter((entryPoint) => entryPoint.access.kind === 'public');
    expect(publicOnes.map((entryPoint) => entryPoint.name).sort()).toEqual(expectedPublic);
    for (const entryPoint of publicOnes) {
      expect(
        entryPoint.access.kind === 'public' && entryPoint.access.reason.length,
      ).toBeGreaterThan(20);
    }
  });

  it('has a fixture for every entry point that needs a session', () => {
    const guarded = entryPoints.filter((entryPoint) => entryPoint.access.kind !== 'public');
    expect(guarded.length).toBeGreaterThanOrEqual(7);
    for (const entryPoint of guarded) {
      expect(entryPointFixtures, `no fixture for ${entryPoint.name}`).toHaveProperty([
        entryPoint.name,
      ]);
    }
  });
});

describe('every guarded action and route handler', () => {
  const { db, world: seededWorld } = setupSeededTestDatabase(seedWorld);
  const guarded = entryPoints.filter((entryPoint) => entryPoint.access.kind !== 'public');

  it.each(guarded.map((entryPoint) => [entryPoint.kind, entryPoint.name, entryPoint] as const))(
    '%s %s refuses signed-out callers, other organizations and roles below its minimum',
    async (_kind, name, entryPoint) => {
      const fixture = entryPointFixtures[name];
      if (!fixture) throw new Error(`No fixture for ${name}`);
      const world = seededWorld();
      await fixture.prepare?.({ prisma: db(), world });
      const ran = await runAuthorizationChecks({ prisma: db(), world, entryPoint, fixture });
      expect(ran).toContain('signed out');
      if (entryPoint.access.kind === 'member') expect(ran).toContain('other org (owner)');
      if (entryPoint.access.kind === 'member' && entryPoint.access.minRole !== 'auditor') {
        expect(ran).toContain('role too low (auditor)');
        expect(ran).toContain('member of both, role too low in this one');
      }
      if (entryPoint.access.kind === 'member' && fixture.targetsOrgObjects) {
        expect(ran).toContain('member of both, other org named');
      }
    },
  );
});

describe('every action and route handler that takes API keys', () => {
  const { db, world: seededWorld } = setupSeededTestDatabase(seedWorld);
  const takingKeys = entryPoints.filter(
    (entryPoint) => entryPoint.access.kind === 'member' && entryPoint.access.apiKeys,
  );

  it('include the admin API’s routes', () => {
    expect(takingKeys.map((entryPoint) => entryPoint.name)).toContain('apiKeys.list');
  });

  it.each(takingKeys.map((entryPoint) => [entryPoint.kind, entryPoint.name, entryPoint] as const))(
    '%s %s refuses bad, dead and foreign keys and keys below its minimum role',
    async (_kind, name, entryPoint) => {
      const fixture = entryPointFixtures[name];
      if (!fixture) throw new Error(`No fixture for ${name}`);
      const world = seededWorld();
      await fixture.prepare?.({ prisma: db(), world });
      const ran = await runApiKeyChecks({ prisma: db(), world, entryPoint, fixture });
      expect(ran).toEqual(
        expect.arrayContaining([
          'revoked API key',
          'expired API key',
          "other org's API key (owner)",
        ]),
      );
    },
  );
});
