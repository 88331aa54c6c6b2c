/**
 * Where the console under test listens. A host name, not 127.0.0.1: Next.js hands route
 * handlers request URLs with a loopback IP rewritten to `localhost`, so an OIDC sign-in started
 * at 127.0.0.1 would finish at localhost with a second redirect URI, which the IdP refuses.
 */
export const e2eBaseUrl = process.env.PARAPET_E2E_BASE_URL ?? 'http://localhost:3100';
