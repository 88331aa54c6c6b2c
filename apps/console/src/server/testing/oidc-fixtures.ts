import { sealSecret } from '@parapet/db/secrets';
import { oidcClientSecretPurpose } from '@parapet/identity';
import { type StartedOidcProvider, startOidcProvider } from '@parapet/identity/testing';
import { onTestFinished } from 'vitest';
import type { Fixture } from './run-authorization-checks';

// The OIDC entry points need a real issuer to discover (creating a connection is refused
// without one), so their fixtures start the test OpenID Provider for the one test that uses it.

let provider: StartedOidcProvider | undefined;

/** Starts the test provider for this test; stopped when the test ends. */
export const startIssuerForTest: Fixture['prepare'] = async () => {
  const started = await startOidcProvider();
  provider = started;
  onTestFinished(() => started.stop());
};

/** The running test provider's issuer (startIssuerForTest must have run). */
export function testIssuer(): string {
  if (provider === undefined) throw new Error('startIssuerForTest did not run for this fixture.');
  return provider.issuer;
}

/** Organization A's OIDC connection, stored as createOidcConnection would store it. */
export const oidcConnectionIdOfA = '01900000-0000-7000-8000-0000000000e1';
export const seedOidcConnectionOfA: Fixture['prepare'] = async ({ prisma, world }) => {
  await prisma.ssoConnection.create({
    data: {
      id: oidcConnectionIdOfA,
      orgId: world.a.orgId,
      protocol: 'oidc',
      name: 'Company IdP',
      oidcIssuer: 'https://idp.example.com',
      oidcClientId: 'parapet',
      oidcClientSecretSealed: sealSecret({
        plaintext: Buffer.from('fixture-secret'),
        purpose: oidcClientSecretPurpose,
        orgId: world.a.orgId,
      }),
    },
  });
};
