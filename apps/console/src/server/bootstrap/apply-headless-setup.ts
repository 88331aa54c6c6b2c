import { isSetupComplete, setupOrganization } from '@parapet/accounts';
import { apiKeyPattern, setupOrganizationSchema } from '@parapet/accounts/schemas';
import type { PrismaClient } from '@parapet/db';
import { ensureOrgSigningKeys } from '@parapet/distribution';
import { AppError } from '@parapet/errors';

export type HeadlessSetupEnv = {
  PARAPET_SETUP_ORG_NAME?: string | undefined;
  PARAPET_SETUP_OWNER_EMAIL?: string | undefined;
  PARAPET_SETUP_OWNER_PASSWORD?: string | undefined;
  PARAPET_SETUP_API_KEY?: string | undefined;
};

export type HeadlessSetupOutcome =
  | { status: 'not-requested' }
  | { status: 'already-set-up' }
  | { status: 'created'; email: string; orgId: string; apiKeyCreated: boolean };

/**
 * First-run setup from environment variables, for installs without a browser. Applies only
 * while no owner exists, and validates with the same schema as the /setup form; an invalid
 * value stops start-up with a message naming the variable (never repeating a secret). With
 * PARAPET_SETUP_API_KEY (`ppk_` and at least 32 more characters) the owner also gets an API key
 * of that value, so automation can use the admin API from the start.
 */
export async function applyHeadlessSetup({
  db,
  env,
}: {
  db: PrismaClient;
  env: HeadlessSetupEnv;
}): Promise<HeadlessSetupOutcome> {
  const {
    PARAPET_SETUP_ORG_NAME,
    PARAPET_SETUP_OWNER_EMAIL,
    PARAPET_SETUP_OWNER_PASSWORD,
    PARAPET_SETUP_API_KEY,
  } = env;
  const given = [
    PARAPET_SETUP_ORG_NAME,
    PARAPET_SETUP_OWNER_EMAIL,
    PARAPET_SETUP_OWNER_PASSWORD,
    PARAPET_SETUP_API_KEY,
  ];
  if (given.every((value) => value === undefined || value === '')) {
    return { status: 'not-requested' };
  }
  if (await isSetupComplete({ db })) return { status: 'already-set-up' };
  const parsed = setupOrganizationSchema.safeParse({
    organizationName: PARAPET_SETUP_ORG_NAME,
    email: PARAPET_SETUP_OWNER_EMAIL,
    password: PARAPET_SETUP_OWNER_PASSWORD,
  });
  const apiKey = PARAPET_SETUP_API_KEY || undefined;
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (issue) => `${variables[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`,
      );
  if (apiKey !== undefined && !apiKeyPattern.test(apiKey)) {
    problems.push(
      'PARAPET_SETUP_API_KEY: use ppk_ followed by at least 32 letters, digits, - or _ (e.g. ppk_$(openssl rand -hex 24)).',
    );
  }
  if (!parsed.success || problems.length > 0) {
    throw new Error(`Headless setup is invalid: ${problems.join('; ')}`);
  }
  try {
    const result = await setupOrganization({
      db,
      input: parsed.data,
      ownerApiKey: apiKey,
      provisionOrganization: ensureOrgSigningKeys,
    });
    return {
      status: 'created',
      email: result.email,
      orgId: result.orgId,
      apiKeyCreated: result.apiKeyId !== undefined,
    };
  } catch (error) {
    // Another console process finished setup first: that is the outcome we wanted.
    if (error instanceof AppError && error.code === 'SETUP_COMPLETE') {
      return { status: 'already-set-up' };
    }
    throw error;
  }
}

const variables: Record<string, string> = {
  organizationName: 'PARAPET_SETUP_ORG_NAME',
  email: 'PARAPET_SETUP_OWNER_EMAIL',
  password: 'PARAPET_SETUP_OWNER_PASSWORD',
};
