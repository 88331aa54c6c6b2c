import jackson, { type JacksonOption, type SAMLJackson } from '@boxyhq/saml-jackson';
import type { PrismaClient } from '@parapet/db';
import { deriveKey } from '@parapet/db/secrets';
import { samlPaths, samlSpValues } from './saml-endpoints';

/** The Postgres schema of jackson's tables: apart from `public`, which Prisma's migrations own. */
export const jacksonSchema = 'jackson';

/** Jackson's product name for every Parapet connection (the tenant is the organization id). */
export const jacksonProduct = 'parapet';

/**
 * Authorization codes already redeemed. Jackson means its codes to be single-use but deletes
 * them under a key other than the one it stores them by (26.2), so a code would redeem again
 * until it expires; Parapet records each redeemed code's hash here first (see redeemCodeOnce).
 */
export const usedCodesTable = 'parapet_used_codes';

const instances = new Map<string, Promise<SAMLJackson>>();

/**
 * Jackson's key for its stored records: derived from the master key (never stored), so it is the
 * same after every restart. Jackson hands it to AES-256-GCM as a string, which must be 32 bytes:
 * the base64 of 24 derived bytes is exactly 32 ASCII characters.
 */
export function jacksonEncryptionKey(): string {
  const key = deriveKey({ info: 'parapet saml-jackson store v1', purpose: 'SAML single sign-on' });
  return key.subarray(0, 24).toString('base64');
}

/** The database URL with jackson's schema first on its search path (node-postgres `options`). */
export function jacksonDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.delete('schema');
  url.searchParams.set('options', `-c search_path=${jacksonSchema}`);
  return url.toString();
}

/**
 * The process's jackson for a console origin, started once: its schema is created if missing,
 * then jackson creates its tables there (TypeORM synchronize). The origin is part of the key
 * because jackson's ACS URL and audience are fixed at start-up. Production has one of each.
 */
export function getJackson({
  db,
  databaseUrl,
  origin,
}: {
  db: PrismaClient;
  databaseUrl: string;
  origin: string;
}): Promise<SAMLJackson> {
  const key = `${databaseUrl}\n${origin}`;
  let instance = instances.get(key);
  if (!instance) {
    // Jackson keeps its store on the global object and its certificate store in a module, so
    // one process runs one jackson: another database or origin (tests) replaces the previous one.
    const previous = closeJacksons();
    instance = previous.then(() => startJackson({ db, databaseUrl, origin }));
    instances.set(key, instance);
    instance.catch(() => instances.delete(key));
  }
  return instance;
}

async function startJackson({
  db,
  databaseUrl,
  origin,
}: {
  db: PrismaClient;
  databaseUrl: string;
  origin: string;
}): Promise<SAMLJackson> {
  await db.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS ${jacksonSchema}`);
  await db.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS ${jacksonSchema}.${usedCodesTable} (code_hash text PRIMARY KEY, expires_at timestamptz NOT NULL)`,
  );
  const options: JacksonOption = {
    externalUrl: origin.replace(/\/+$/, ''),
    samlPath: samlPaths.acs,
    samlAudience: samlSpValues(origin).spEntityId,
    // Only SP-initiated sign-in: a response must answer a request this console made
    // (InResponseTo), which is what makes a replayed response useless.
    idpEnabled: false,
    noAnalytics: true,
    db: {
      engine: 'sql',
      type: 'postgres',
      url: jacksonDatabaseUrl(databaseUrl),
      encryptionKey: jacksonEncryptionKey(),
      // Unfinished sign-ins and codes expire after ten minutes; a sweep removes them.
      ttl: 600,
      cleanupLimit: 1000,
    },
    openid: { redirectExactMatch: true },
    // Jackson would keep every refused response, with the person's attributes, in its store.
    ssoTraces: { disable: true },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return jackson(options);
}

/** Closes every jackson of this process (tests). */
export async function closeJacksons(): Promise<void> {
  const all = [...instances.values()];
  instances.clear();
  for (const instance of all) {
    // A jackson whose database is already gone has nothing left to close.
    await instance.then((started) => started.close()).catch(() => {});
  }
  // Jackson caches its store on the global object; the next one must open its own.
  delete (globalThis as { __jacksonDb?: unknown }).__jacksonDb;
}
