import type { Prisma, PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { apiKeyPattern, describeApiKey } from '../api-keys/api-key-format';
import type { Actor } from '../shared/actor';
import { lockSetup } from '../shared/lock';
import { parseInput } from '../shared/parse-input';
import { hashPassword } from '../shared/passwords';
import { inUserTransaction, recordActivity } from '../shared/transactions';
import { isUniqueViolation } from '../shared/unique-violation';
import { isSetupComplete } from './is-setup-complete';
import { type SetupOrganizationInput, setupOrganizationSchema } from './setup-organization.schema';

export type SetupOrganizationResult = {
  orgId: string;
  userId: string;
  email: string;
  /** The owner API key's id, when one was given (headless setup). */
  apiKeyId?: string;
};

/**
 * First run: creates the organization and its owner. Works only while the installation has no
 * owner; two concurrent calls are serialised by an advisory lock, so exactly one succeeds and
 * the other gets SETUP_COMPLETE. Records `setup` in the new organization's activity log.
 * Headless installs may also hand an owner API key (`ownerApiKey`, chosen by the operator, so
 * automation can call the API from the first minute); it is created in the same commit, as the
 * owner's, and recorded too.
 *
 * The password is hashed before the transaction (argon2 inside it would hold a pooled
 * connection and the setup lock all along, and every concurrent call would queue behind it),
 * and not at all once setup is known to be done, so a burst of late calls costs a read each.
 */
export async function setupOrganization({
  db,
  input,
  ip,
  ownerApiKey,
  provisionOrganization,
}: {
  db: PrismaClient;
  input: SetupOrganizationInput;
  ip?: string | undefined;
  ownerApiKey?: string | undefined;
  /**
   * What else a new organization gets in the same commit: the console passes
   * @parapet/distribution's ensureOrgSigningKeys, so key set 1 is made with the org. Handed in
   * rather than imported because distribution depends on accounts, not the other way round.
   */
  provisionOrganization?:
    | ((tx: Prisma.TransactionClient, options: { orgId: string }) => Promise<unknown>)
    | undefined;
}): Promise<SetupOrganizationResult> {
  const { organizationName, name, email, password } = parseInput(setupOrganizationSchema, input);
  if (ownerApiKey !== undefined && !apiKeyPattern.test(ownerApiKey)) {
    throw new AppError(
      'INVALID_INPUT',
      'An API key is ppk_ followed by 32 to 200 letters, digits, - or _.',
    );
  }
  if (await isSetupComplete({ db })) throw setupComplete();
  const passwordHash = await hashPassword(password);
  try {
    return await inUserTransaction({ db }, async (tx) => {
      await lockSetup(tx);
      const existingOwner = await tx.membership.findFirst({ where: { role: 'owner' } });
      if (existingOwner) throw setupComplete();
      const organization = await tx.organization.create({ data: { name: organizationName } });
      await provisionOrganization?.(tx, { orgId: organization.id });
      const user = await tx.user.create({ data: { email, name: name ?? null, passwordHash } });
      // The org was created a line above in this transaction and no other exists for this
      // caller yet, so there is nothing to scope against: the membership names it explicitly.
      await tx.membership.create({
        data: { orgId: organization.id, userId: user.id, role: 'owner' },
      });
      await appendActivity(tx, {
        orgId: organization.id,
        actorUserId: user.id,
        actorEmail: email,
        action: 'setup',
        target: organizationName,
        details: { organization: organizationName, owner: email },
        ip,
      });
      const actor = { userId: user.id, email, orgId: organization.id, role: 'owner' as const };
      const apiKeyId = ownerApiKey ? await createSetupApiKey(tx, actor, ownerApiKey) : undefined;
      return { orgId: organization.id, userId: user.id, email, ...(apiKeyId ? { apiKeyId } : {}) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'An account with this email already exists.', {
        fieldErrors: { email: ['An account with this email already exists.'] },
      });
    }
    throw error;
  }
}

async function createSetupApiKey(
  tx: Prisma.TransactionClient,
  actor: Actor,
  key: string,
): Promise<string> {
  const { prefix, keyHash } = describeApiKey(key);
  const name = 'Headless setup';
  const { id } = await tx.apiKey.create({
    data: {
      orgId: actor.orgId,
      name,
      role: 'owner',
      prefix,
      keyHash,
      createdById: actor.userId,
      createdByEmail: actor.email,
    },
    select: { id: true },
  });
  await recordActivity(tx, {
    actor,
    action: 'api_key_created',
    target: name,
    details: { keyId: id, role: 'owner', prefix, expiresAt: null },
  });
  return id;
}

function setupComplete(): AppError {
  return new AppError('SETUP_COMPLETE', 'Parapet is already set up. Sign in instead.');
}
