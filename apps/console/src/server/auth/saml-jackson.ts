import type { SAMLJackson } from '@boxyhq/saml-jackson';
import { getDatabaseSettings } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { getJackson } from '@parapet/identity';
import { db } from '../db';
import { readTrustedOrigin } from '../http/read-origin';

/**
 * The console's origin for SAML: the IdP is told the ACS URL and entity id once, so they must
 * come from configuration (AUTH_URL) or, on loopback without a proxy, the trusted Host header;
 * never from an untrusted header, which would let a request choose what audience jackson checks.
 */
export function samlOrigin(headers: Headers): string {
  const origin = readTrustedOrigin(headers);
  if (!origin) {
    throw new AppError(
      'FORBIDDEN',
      'Single sign-on needs the console’s public address: set AUTH_URL.',
    );
  }
  return origin;
}

/** The process's jackson for this console origin, on the configured database. */
export function consoleJackson(origin: string): Promise<SAMLJackson> {
  return getJackson({ db: db(), databaseUrl: getDatabaseSettings().url, origin });
}
