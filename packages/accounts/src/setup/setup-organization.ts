import type { PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { lockSetup } from '../shared/lock';
import { parseInput } from '../shared/parse-input';
import { hashPassword } from '../shared/passwords';
import { inUserTransaction } from '../shared/transactions';
import { isUniqueViolation } from '../shared/unique-violation';
import { isSetupComplete } from './is-setup-complete';
import { type SetupOrganizationInput, setupOrganizationSchema } from './setup-organization.schema';

export type SetupOrganizationResult = { orgId: string; userId: string; email: string };

/**
 * First run: creates the organization and its owner. Works only while the installation has no
 * owner; two concurrent calls are serialised by an advisory lock, so exactly one succeeds and
 * the other gets SETUP_COMPLETE. Records `setup` in the new organization's activity log.
 *
 * The password is hashed before the transaction (argon2 inside it would hold a pooled
 * connection and the setup lock all along, and every concurrent call would queue behind it),
 * and not at all once setup is known to be done, so a burst of late calls costs a read each.
 */
export async function setupOrganization({
  db,
  input,
  ip,
}: {
  db: PrismaClient;
  input: SetupOrganizationInput;
  ip?: string | undefined;
}): Promise<SetupOrganizationResult> {
  const { organizationName, name, email, password } = parseInput(setupOrganizationSchema, input);
  if (await isSetupComplete({ db })) throw setupComplete();
  const passwordHash = await hashPassword(password);
  try {
    return await inUserTransaction({ db }, async (tx) => {
      await lockSetup(tx);
      const existingOwner = await tx.membership.findFirst({ where: { role: 'owner' } });
      if (existingOwner) throw setupComplete();
      const organization = await tx.organization.create({ data: { name: organizationName } });
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
      return { orgId: organization.id, userId: user.id, email };
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

function setupComplete(): AppError {
  return new AppError('SETUP_COMPLETE', 'Parapet is already set up. Sign in instead.');
}
