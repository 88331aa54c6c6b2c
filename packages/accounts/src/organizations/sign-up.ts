import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { type CreatedSession, createSession } from '../sessions/create-session';
import { parseInput } from '../shared/parse-input';
import { hashPassword } from '../shared/passwords';
import { inUserTransaction } from '../shared/transactions';
import { isUniqueViolation } from '../shared/unique-violation';
import { countOrganizationCreation } from './count-organization-creation';
import { type SignUpInput, signUpSchema } from './organization-schemas';
import { insertOrganization, type ProvisionOrganization } from './provision';

export type SignedUp = CreatedSession & { orgId: string; userId: string };

const taken = 'An account with this email already exists. Sign in, then create the organization.';

/**
 * A visitor's self-service sign-up: a new account (the same password rules as first-run setup),
 * its first organization with them as owner, and a session, in one commit. There is no email
 * verification: the address is taken at its word, which the docs say. An email that already has
 * an account is refused (that account signs in and creates the organization from the console),
 * never joined, so whoever signs up cannot take over someone else's account. Limited per client
 * address (countOrganizationCreation); the password is hashed before the transaction.
 */
export async function signUp({
  db,
  input,
  ip,
  provisionOrganization,
  now = new Date(),
}: {
  db: PrismaClient;
  input: SignUpInput;
  ip?: string | undefined;
  provisionOrganization: ProvisionOrganization | undefined;
  now?: Date;
}): Promise<SignedUp> {
  const { organizationName, name, email, password } = parseInput(signUpSchema, input);
  await countOrganizationCreation({ db, ip, now });
  const passwordHash = await hashPassword(password);
  try {
    return await inUserTransaction({ db }, async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } });
      const orgId = await insertOrganization(tx, {
        name: organizationName,
        via: 'self-service',
        owner: email,
        actor: { userId: user.id, email },
        ip,
        provisionOrganization,
      });
      await tx.membership.create({ data: { orgId, userId: user.id, role: 'owner' } });
      const session = await createSession({ tx, userId: user.id, now });
      return { ...session, orgId, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', taken, { fieldErrors: { email: [taken] } });
    }
    throw error;
  }
}
