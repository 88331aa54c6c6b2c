import { createHash } from 'node:crypto';
import { hashSecretToken } from '@parapet/accounts';
import { uuidV7At } from '@parapet/audit/testing';
import { configureDatabase } from '@parapet/db';
import { signActivityCheckpoint } from '@parapet/db/activity';
import { testDbContext } from '@parapet/db/testing';
import { rotateSigningKey } from '@parapet/distribution';
import { writeTarGz } from '@parapet/policy/archive';
import { installOrganizationCreation } from '../organizations/organization-creation';
import {
  oidcConnectionIdOfA,
  seedOidcConnectionOfA,
  startIssuerForTest,
  testIssuer,
} from './oidc-fixtures';
import type { Fixture } from './run-authorization-checks';
import { ssoFixtures } from './saml-fixtures';
import { scimFixtures } from './scim-fixtures';
import type { World } from './seed-world';

const newPassword = 'a different passphrase';

/** Organization A's first key becomes the old key of a rotation under way, ready to retire. */
const rotateKeysOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  await rotateSigningKey({ db: prisma, actor: world.a.members.owner.actor });
};

/**
 * A checkpoint of organization A's first entry, signed with the test run's key. Whether the log
 * agrees is the verdict's business: any well-formed checkpoint gets one, so this serves every
 * caller the checks try.
 */
function checkpointOfA(world: World): string {
  return JSON.stringify(
    signActivityCheckpoint({
      orgId: world.a.orgId,
      seq: 1,
      hash: 'ab'.repeat(32),
      time: new Date(),
    }),
  );
}

/** A stored audit event of organization A's device (see storeEventOfA). */
const eventIdOfA = uuidV7At(Date.now());

/**
 * The audit routes read events with raw SQL through the process's pg pool (getPgPool), so the
 * pool is pointed at this test's database first; then organization A's device gets one event.
 */
const storeEventOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  const [row] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(testDbContext().adminUrl);
  url.pathname = `/${row?.name ?? ''}`;
  configureDatabase({ url: url.toString() });
  await prisma.$executeRaw`
    INSERT INTO audit.events (id, org_id, device_id, time, surface, action, decision, mode,
      resource, seq, hash, chain, body)
    VALUES (${eventIdOfA}::uuid, ${world.a.orgId}::uuid, ${world.a.device.id}::uuid, now(),
      'network', 'connect', 'deny', 'enforce', 'evil.example:443', 1, ${'0'.repeat(64)}, 'first',
      ${JSON.stringify({ id: eventIdOfA, seq: 1 })}::jsonb)
    ON CONFLICT DO NOTHING`;
};

/** Organization A's SCIM directory, its group (with A's person in it) and one refused request. */
const directoryIdOfA = '01900000-0000-7000-8000-0000000000d1';
const directoryGroupIdOfA = '01900000-0000-7000-8000-0000000000d2';
const seedDirectoryOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  const orgId = world.a.orgId;
  await prisma.directory.create({
    data: {
      id: directoryIdOfA,
      orgId,
      name: 'Okta',
      tokenHash: 'd1'.repeat(32),
      tokenPrefix: 'pds_fixture',
    },
  });
  await prisma.directoryGroup.create({
    data: { id: directoryGroupIdOfA, orgId, directoryId: directoryIdOfA, displayName: 'Engineers' },
  });
  await prisma.directoryGroupMember.create({
    data: { orgId, groupId: directoryGroupIdOfA, personId: world.a.person.id },
  });
  await prisma.directoryEvent.create({
    data: {
      orgId,
      directoryId: directoryIdOfA,
      action: 'request.refused',
      outcome: 'refused',
      method: 'POST',
      path: '/Users',
      status: 409,
      summary: 'userName already taken',
    },
  });
};

/** Organizations may be created by whoever signs up (PARAPET_ORG_CREATION=self-service). */
const allowSelfService: Fixture['prepare'] = async () => {
  installOrganizationCreation('self-service');
};

/**
 * Device login's people page: organization A's auditor comes back from single sign-on (their
 * session names an SSO connection of A), is a person of A, and a device waits for code
 * BCDF-GHJK. A password session (every other caller the checks try) is refused.
 */
const deviceLoginCodeOfA = 'BCDF-GHJK';
const prepareDeviceLoginOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  const orgId = world.a.orgId;
  const auditor = world.a.members.auditor;
  const connection = await prisma.ssoConnection.create({
    data: { orgId, protocol: 'oidc', name: 'Fixture IdP', oidcIssuer: 'https://idp.example.test' },
  });
  await prisma.session.update({
    where: { sessionToken: hashSecretToken(auditor.sessionToken) },
    data: { ssoConnectionId: connection.id },
  });
  await prisma.person.upsert({
    where: { orgId_email: { orgId, email: auditor.user.email } },
    create: { orgId, email: auditor.user.email },
    update: { active: true },
  });
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  await prisma.deviceAuthorization.create({
    data: {
      deviceCodeHash: sha256('fixture-device-code'),
      userCodeHash: sha256(deviceLoginCodeOfA.replace('-', '')),
      hostname: 'fixture-laptop',
      os: 'linux',
      agentVersion: '0.1.0',
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) },
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
};

/** The setup token tests configure the setup gate with (see setup/setup-gate.ts). */
export const testSetupToken = 'the-setup-token-of-this-test-run-0123456789';

/**
 * A valid input for every entry point that runs code of ours, as its form or client would send
 * it for organization A of the seeded world. The authorization checks use the guarded ones; the
 * bad-input checks start from each and spoil one field at a time.
 */
export const entryPointFixtures: Record<string, Fixture> = {
  'members.createInvite': {
    input: (world) => ({ orgId: world.a.orgId, email: 'newcomer@example.com', role: 'auditor' }),
  },
  'members.revokeInvite': {
    input: (world) => ({ orgId: world.a.orgId, inviteId: world.a.inviteId }),
    targetsOrgObjects: true,
  },
  'members.changeMemberRole': {
    input: (world) => ({
      orgId: world.a.orgId,
      membershipId: world.a.members.auditor.membership.id,
      role: 'admin',
    }),
    targetsOrgObjects: true,
  },
  'members.removeMember': {
    input: (world) => ({
      orgId: world.a.orgId,
      membershipId: world.a.members.auditor.membership.id,
    }),
    targetsOrgObjects: true,
  },
  'account.changePassword': {
    input: (world) => ({
      orgId: world.a.orgId,
      currentPassword: world.a.members.auditor.password,
      password: newPassword,
      confirmPassword: newPassword,
    }),
  },
  'auth.signOut': { input: () => ({}) },
  'organizations.switch': { input: (world) => ({ orgId: world.a.orgId }) },
  'organizations.create': { prepare: allowSelfService, input: () => ({ name: 'Side project' }) },
  'organizations.signUp': {
    prepare: allowSelfService,
    input: () => ({
      organizationName: 'Start-up',
      name: 'Sam',
      email: 'sam@example.com',
      password: newPassword,
      confirmPassword: newPassword,
    }),
  },
  'activity.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'activity.checkpoint.download': { input: (world) => ({ orgId: world.a.orgId }) },
  'activity.checkpoint.verify': {
    input: (world) => ({ orgId: world.a.orgId, checkpoint: checkpointOfA(world) }),
  },
  'activity.verifyCheckpoint': {
    input: (world) => ({ orgId: world.a.orgId, checkpoint: checkpointOfA(world) }),
  },
  'setup.setupOrganization': {
    emptyInstallation: true,
    input: () => ({
      organizationName: 'Garbage Inc',
      name: 'Gary',
      email: 'gary@example.com',
      password: newPassword,
      confirmPassword: newPassword,
      setupToken: testSetupToken,
    }),
  },
  'auth.signInWithPassword': {
    input: (world) => ({
      email: world.a.members.owner.user.email,
      password: world.a.members.owner.password,
    }),
  },
  // No domain of the world is claimed, so this finds no connection: what the checks look at is
  // that finding one needs no session and reveals nothing about organizations.
  'auth.findSso': {
    input: (world) => ({ email: world.a.members.owner.user.email, callbackUrl: '/' }),
  },
  'invites.acceptInvite': {
    input: (world) => ({
      token: world.a.inviteToken,
      name: 'Ivy',
      password: newPassword,
      confirmPassword: newPassword,
    }),
  },
  'deviceLogin.decide': {
    prepare: prepareDeviceLoginOfA,
    input: () => ({ userCode: deviceLoginCodeOfA, decision: 'approve' }),
  },
  'invites.acceptInviteWithPassword': {
    input: (world) => ({ token: world.a.inviteToken, password: newPassword }),
  },
  'health.get': { input: () => ({}) },
  'api.openapi': { input: () => ({}) },
  'apiKeys.createKey': {
    input: (world) => ({ orgId: world.a.orgId, name: 'Release pipeline', role: 'admin' }),
  },
  'apiKeys.revokeKey': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.apiKeys.admin.id }),
    targetsOrgObjects: true,
  },
  'apiKeys.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'apiKeys.create': {
    input: (world) => ({ orgId: world.a.orgId, name: 'CI policy sync', role: 'auditor' }),
  },
  'people.list': { input: (world) => ({ orgId: world.a.orgId, search: 'person' }) },
  'people.create': {
    input: (world) => ({ orgId: world.a.orgId, email: 'new-person@example.com', groups: [] }),
  },
  'people.get': {
    input: (world) => ({ orgId: world.a.orgId, personId: world.a.person.id }),
    targetsOrgObjects: true,
  },
  'people.update': {
    input: (world) => ({
      orgId: world.a.orgId,
      personId: world.a.person.id,
      displayName: 'Renamed Person',
      active: false,
    }),
    targetsOrgObjects: true,
  },
  'people.import': {
    input: (world) => ({
      orgId: world.a.orgId,
      csv: `email,display_name,active\r\n${world.a.person.email},Imported,true\r\nnew@example.com,,\r\n`,
    }),
  },
  'policy.simulate': {
    input: (world) => ({
      orgId: world.a.orgId,
      against: 'draft',
      person: world.a.person.email,
      requests: [{ surface: 'network', host: 'github.com', port: 443 }, 'not a request'],
    }),
    targetsOrgObjects: true,
  },
  'policy.compare': {
    input: (world) => ({
      orgId: world.a.orgId,
      from: 'draft',
      to: 'draft',
      person: world.a.person.email,
      requests: [{ surface: 'network', host: 'github.com', port: 443 }],
    }),
    targetsOrgObjects: true,
  },
  'policy.effective': {
    input: (world) => ({ orgId: world.a.orgId, against: 'draft', person: world.a.person.email }),
    targetsOrgObjects: true,
  },
  'apiKeys.revoke': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.apiKeys.auditor.id }),
    targetsOrgObjects: true,
  },
  'policy.createGroup': {
    input: (world) => ({
      orgId: world.a.orgId,
      name: 'data-team',
      description: 'Warehouse access',
    }),
  },
  'policy.deleteGroup': {
    input: (world) => ({ orgId: world.a.orgId, name: world.a.policyGroup }),
    targetsOrgObjects: true,
  },
  'policy.saveDraft': {
    input: (world) => ({
      orgId: world.a.orgId,
      layer: 'baseline',
      source: 'mode: enforce\n',
      expectedRevision: '1',
    }),
  },
  'policy.publish': { input: (world) => ({ orgId: world.a.orgId, message: 'Ship it' }) },
  'policy.rollback': {
    input: (world) => ({ orgId: world.a.orgId, version: '1', message: 'Back to the first' }),
    targetsOrgObjects: true,
  },
  'policyApi.getGuardrails': { input: (world) => ({ orgId: world.a.orgId }) },
  'policyApi.saveGuardrails': {
    input: (world) => ({ orgId: world.a.orgId, source: 'mode: enforce\n', format: 'yaml' }),
  },
  'policyApi.getBaseline': { input: (world) => ({ orgId: world.a.orgId }) },
  'policyApi.saveBaseline': {
    input: (world) => ({
      orgId: world.a.orgId,
      source: '{"network": {"rules": []}}',
      format: 'json',
      ifMatch: '"1"',
    }),
  },
  'policyApi.listGroups': { input: (world) => ({ orgId: world.a.orgId }) },
  'policyApi.getGroup': {
    input: (world) => ({ orgId: world.a.orgId, group: world.a.policyGroup }),
    targetsOrgObjects: true,
  },
  // Not `targetsOrgObjects`: saving a group's document creates the group where it is missing.
  'policyApi.saveGroup': {
    input: (world) => ({
      orgId: world.a.orgId,
      group: world.a.policyGroup,
      source: 'mode: audit\n',
      format: 'yaml',
    }),
  },
  'policyApi.deleteGroup': {
    input: (world) => ({ orgId: world.a.orgId, group: world.a.policyGroup }),
    targetsOrgObjects: true,
  },
  'policyApi.publish': { input: (world) => ({ orgId: world.a.orgId, message: 'Ship it' }) },
  'policyApi.listVersions': { input: (world) => ({ orgId: world.a.orgId }) },
  'policyApi.getVersion': {
    input: (world) => ({ orgId: world.a.orgId, version: '1' }),
    targetsOrgObjects: true,
  },
  'policyApi.diff': {
    input: (world) => ({ orgId: world.a.orgId, from: '1', to: 'draft' }),
    targetsOrgObjects: true,
  },
  'policyApi.export': {
    input: (world) => ({ orgId: world.a.orgId, version: '1' }),
    targetsOrgObjects: true,
  },
  'policyApi.import': {
    input: (world) => ({
      orgId: world.a.orgId,
      archive: writeTarGz([
        { path: 'policy/baseline.yaml', content: Buffer.from('mode: audit\n') },
      ]),
    }),
  },
  'policyApi.rollback': {
    input: (world) => ({ orgId: world.a.orgId, version: 1, message: 'Back to the first' }),
    targetsOrgObjects: true,
  },
  'people.addPerson': {
    input: (world) => ({
      orgId: world.a.orgId,
      email: 'added-person@example.com',
      displayName: 'Added Person',
      externalId: '',
      groups: world.a.policyGroup,
    }),
  },
  'people.changePerson': {
    input: (world) => ({
      orgId: world.a.orgId,
      personId: world.a.person.id,
      displayName: 'Renamed Person',
      externalId: 'ext-1',
      groups: world.a.policyGroup,
    }),
    targetsOrgObjects: true,
  },
  'people.deactivatePerson': {
    input: (world) => ({ orgId: world.a.orgId, personId: world.a.person.id }),
    targetsOrgObjects: true,
  },
  'people.reactivatePerson': {
    input: (world) => ({ orgId: world.a.orgId, personId: world.a.person.id }),
    targetsOrgObjects: true,
  },
  'people.previewImport': {
    input: (world) => ({
      orgId: world.a.orgId,
      csv: `email,display_name,groups\n${world.a.person.email},Imported,${world.a.policyGroup}\n`,
    }),
  },
  'people.applyImport': {
    input: (world) => ({
      orgId: world.a.orgId,
      csv: `email,display_name,groups\n${world.a.person.email},Imported,${world.a.policyGroup}\nnew@example.com,,\n`,
    }),
  },
  'simulator.simulate': {
    input: (world) => ({
      orgId: world.a.orgId,
      against: 'draft',
      person: world.a.person.email,
      groups: '',
      requests: '{"surface": "network", "host": "github.com", "port": 443}\n"not a request"',
    }),
    targetsOrgObjects: true,
  },
  'simulator.compare': {
    input: (world) => ({
      orgId: world.a.orgId,
      person: world.a.person.email,
      groups: '',
      requests: '[{"surface": "network", "host": "github.com", "port": 443}]',
    }),
    targetsOrgObjects: true,
  },
  'enrollmentTokens.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'enrollmentTokens.create': {
    input: (world) => ({
      orgId: world.a.orgId,
      name: 'Fleet',
      person: world.a.person.email,
      groups: [world.a.policyGroup],
      reusable: true,
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString(),
    }),
  },
  'enrollmentTokens.revoke': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.enrollmentToken.id }),
    targetsOrgObjects: true,
  },
  'enrollmentTokens.createToken': {
    input: (world) => ({
      orgId: world.a.orgId,
      name: 'Ada’s laptop',
      person: world.a.person.email,
      groups: world.a.policyGroup,
      reusable: 'false',
      expiresIn: '7d',
    }),
  },
  'enrollmentTokens.revokeToken': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.enrollmentToken.id }),
    targetsOrgObjects: true,
  },
  'devices.list': {
    input: (world) => ({ orgId: world.a.orgId, state: 'stale', q: 'host', limit: '10' }),
  },
  'devices.get': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.device.id }),
    targetsOrgObjects: true,
  },
  'devices.revoke': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.device.id }),
    targetsOrgObjects: true,
  },
  'devices.revokeDevice': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.device.id }),
    targetsOrgObjects: true,
  },
  'signingKeys.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'signingKeys.rotate': { input: (world) => ({ orgId: world.a.orgId }) },
  'signingKeys.rotateKey': { input: (world) => ({ orgId: world.a.orgId }) },
  'signingKeys.retire': {
    prepare: rotateKeysOfA,
    input: (world) => ({ orgId: world.a.orgId, kid: world.a.signingKid }),
    targetsOrgObjects: true,
  },
  'signingKeys.retireKey': {
    prepare: rotateKeysOfA,
    input: (world) => ({ orgId: world.a.orgId, kid: world.a.signingKid }),
    targetsOrgObjects: true,
  },
  'destinations.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'destinations.create': {
    input: (world) => ({
      orgId: world.a.orgId,
      type: 'webhook',
      name: 'Security lake',
      format: 'ocsf',
      url: 'https://203.0.113.10/parapet',
      secret: 'a-webhook-signing-secret',
    }),
  },
  'destinations.get': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id }),
    targetsOrgObjects: true,
  },
  'destinations.update': {
    input: (world) => ({
      orgId: world.a.orgId,
      id: world.a.destination.id,
      name: 'Renamed SIEM',
      url: 'http://127.0.0.1:9/renamed',
      enabled: false,
    }),
    targetsOrgObjects: true,
  },
  'destinations.delete': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id }),
    targetsOrgObjects: true,
  },
  'destinations.test': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id }),
    targetsOrgObjects: true,
  },
  'destinations.createDestination': {
    input: (world) => ({
      orgId: world.a.orgId,
      type: 'splunk-hec',
      name: 'Splunk',
      format: 'json',
      url: 'https://203.0.113.10:8088',
      token: 'a-hec-token',
      index: 'parapet',
      source: '',
      sourcetype: '',
    }),
  },
  'destinations.updateDestination': {
    input: (world) => ({
      orgId: world.a.orgId,
      id: world.a.destination.id,
      type: 'webhook',
      name: 'Renamed SIEM',
      format: 'ocsf',
      url: 'http://127.0.0.1:9/renamed',
      secret: '',
    }),
    targetsOrgObjects: true,
  },
  'destinations.setEnabled': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id, enabled: 'false' }),
    targetsOrgObjects: true,
  },
  'destinations.deleteDestination': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id }),
    targetsOrgObjects: true,
  },
  'destinations.sendTestEvent': {
    input: (world) => ({ orgId: world.a.orgId, id: world.a.destination.id }),
    targetsOrgObjects: true,
  },
  'directories.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'directories.create': { input: (world) => ({ orgId: world.a.orgId, name: 'Okta' }) },
  'directories.get': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.delete': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.rotateToken': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.groups': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.setMapping': {
    prepare: seedDirectoryOfA,
    input: (world) => ({
      orgId: world.a.orgId,
      id: directoryIdOfA,
      groupId: directoryGroupIdOfA,
      policyGroups: [world.a.policyGroup],
    }),
    targetsOrgObjects: true,
  },
  'directories.events': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA, outcome: 'refused' }),
    targetsOrgObjects: true,
  },
  'directories.createDirectory': { input: (world) => ({ orgId: world.a.orgId, name: 'Okta' }) },
  'directories.rotateDirectoryToken': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.deleteDirectory': {
    prepare: seedDirectoryOfA,
    input: (world) => ({ orgId: world.a.orgId, id: directoryIdOfA }),
    targetsOrgObjects: true,
  },
  'directories.setGroupMapping': {
    prepare: seedDirectoryOfA,
    input: (world) => ({
      orgId: world.a.orgId,
      id: directoryIdOfA,
      groupId: directoryGroupIdOfA,
      groups: world.a.policyGroup,
    }),
    targetsOrgObjects: true,
  },
  'events.list': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, range: '24h', surface: 'network', limit: '10' }),
  },
  'events.get': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, id: eventIdOfA }),
    targetsOrgObjects: true,
  },
  'events.export': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, range: '7d', format: 'csv', decision: 'deny' }),
  },
  'audit.summary': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, range: '30d', mode: 'enforce' }),
  },
  'audit.chains.list': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, device: world.a.device.id }),
  },
  'audit.chains.verify': {
    prepare: storeEventOfA,
    input: (world) => ({ orgId: world.a.orgId, device: world.a.device.id }),
    targetsOrgObjects: true,
  },
  'sso.createOidcConnection': {
    prepare: startIssuerForTest,
    input: (world) => ({
      orgId: world.a.orgId,
      name: 'Company IdP',
      issuer: testIssuer(),
      clientId: 'parapet',
      clientSecret: 'a-client-secret',
      groupsAttribute: 'groups',
      roleMappings: 'groups = parapet-admins -> admin',
      defaultRole: 'none',
    }),
  },
  'sso.oidc.create': {
    prepare: startIssuerForTest,
    input: (world) => ({
      orgId: world.a.orgId,
      name: 'Company IdP',
      issuer: testIssuer(),
      clientId: 'parapet',
      clientSecret: 'a-client-secret',
    }),
  },
  'sso.oidc.update': {
    prepare: seedOidcConnectionOfA,
    input: (world) => ({ orgId: world.a.orgId, id: oidcConnectionIdOfA, clientId: 'renamed' }),
    targetsOrgObjects: true,
  },
  ...scimFixtures,
  ...ssoFixtures,
};
