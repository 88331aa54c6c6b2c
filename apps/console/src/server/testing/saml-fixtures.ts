import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configureDatabase } from '@parapet/db';
import { testDbContext } from '@parapet/db/testing';
import type { Fixture } from './run-authorization-checks';

// The SAML and domain entry points: creating a SAML connection stores it in jackson, which runs
// on the process's configured database, so the fixtures point the process at the test's
// database first; the IdP metadata holds a certificate generated once per run.

let certificate: string | undefined;

function idpCertificate(): string {
  if (certificate) return certificate;
  const folder = mkdtempSync(path.join(tmpdir(), 'parapet-saml-fixture-'));
  try {
    const certPath = path.join(folder, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=Fixture IdP',
        '-keyout',
        path.join(folder, 'key.pem'),
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    certificate = readFileSync(certPath, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return certificate;
}

/** IdP metadata as Okta or Entra would give it, for a made-up IdP. */
export function fixtureIdpMetadata(entityId = 'urn:parapet:fixture-idp'): string {
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${idpCertificate()}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

/** Makes the test's database the process's, where jackson keeps its store. */
export const useTestDatabaseForJackson: Fixture['prepare'] = async ({ prisma }) => {
  const [row] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(testDbContext().adminUrl);
  url.pathname = `/${row?.name ?? ''}`;
  configureDatabase({ url: url.toString() });
};

/** Organization A's SAML connection (a row whose jackson record does not exist: reads only). */
export const samlConnectionIdOfA = '01900000-0000-7000-8000-0000000000f1';
export const domainIdOfA = '01900000-0000-7000-8000-0000000000f2';

export const seedSamlConnectionOfA: Fixture['prepare'] = async (args) => {
  await useTestDatabaseForJackson?.(args);
  await args.prisma.ssoConnection.create({
    data: {
      id: samlConnectionIdOfA,
      orgId: args.world.a.orgId,
      protocol: 'saml',
      name: 'Okta',
      samlClientId: 'fixture-saml-client-of-a',
    },
  });
};

export const seedDomainOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  await prisma.orgDomain.create({
    data: { id: domainIdOfA, orgId: world.a.orgId, domain: 'fixture-a.example' },
  });
};

/** The entry-point fixtures of SAML connections, domains and SSO settings. */
export const ssoFixtures: Record<string, Fixture> = {
  'sso.connections.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'sso.connections.createSaml': {
    prepare: useTestDatabaseForJackson,
    input: (world) => ({ orgId: world.a.orgId, name: 'Okta', metadataXml: fixtureIdpMetadata() }),
  },
  'sso.connections.get': {
    prepare: seedSamlConnectionOfA,
    input: (world) => ({ orgId: world.a.orgId, id: samlConnectionIdOfA }),
    targetsOrgObjects: true,
  },
  'sso.connections.update': {
    prepare: seedSamlConnectionOfA,
    input: (world) => ({ orgId: world.a.orgId, id: samlConnectionIdOfA, name: 'Okta (prod)' }),
    targetsOrgObjects: true,
  },
  'sso.connections.delete': {
    prepare: seedSamlConnectionOfA,
    input: (world) => ({ orgId: world.a.orgId, id: samlConnectionIdOfA }),
    targetsOrgObjects: true,
  },
  'sso.domains.list': { input: (world) => ({ orgId: world.a.orgId }) },
  'sso.domains.claim': {
    input: (world) => ({ orgId: world.a.orgId, domain: 'claimed-a.example' }),
  },
  'sso.domains.release': {
    prepare: seedDomainOfA,
    input: (world) => ({ orgId: world.a.orgId, id: domainIdOfA }),
    targetsOrgObjects: true,
  },
  'sso.settings.get': { input: (world) => ({ orgId: world.a.orgId }) },
  // The console page's actions, which take form fields.
  'sso.createSamlConnection': {
    prepare: useTestDatabaseForJackson,
    input: (world) => ({ orgId: world.a.orgId, name: 'Okta', metadataXml: fixtureIdpMetadata() }),
  },
  'sso.claimDomain': { input: (world) => ({ orgId: world.a.orgId, domain: 'claimed-a.example' }) },
  'sso.releaseDomain': {
    prepare: seedDomainOfA,
    input: (world) => ({ orgId: world.a.orgId, id: domainIdOfA }),
    targetsOrgObjects: true,
  },
  'sso.setRequireSso': { input: (world) => ({ orgId: world.a.orgId, requireSso: 'off' }) },
  'sso.updateConnection': {
    prepare: seedSamlConnectionOfA,
    input: (world) => ({
      orgId: world.a.orgId,
      id: samlConnectionIdOfA,
      name: 'Okta',
      enabled: 'on',
      roleMappings: 'groups = parapet-admins -> admin',
    }),
    targetsOrgObjects: true,
  },
  'sso.deleteConnection': {
    prepare: seedSamlConnectionOfA,
    input: (world) => ({ orgId: world.a.orgId, id: samlConnectionIdOfA }),
    targetsOrgObjects: true,
  },
  'sso.settings.update': { input: (world) => ({ orgId: world.a.orgId, requireSso: false }) },
};
