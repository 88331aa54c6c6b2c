import type { PrismaClient } from '@parapet/db';
import { parseInput } from '../shared/parse-input';
import { inUserTransaction } from '../shared/transactions';
import { countOrganizationCreation } from './count-organization-creation';
import {
  type CreateOwnOrganizationInput,
  createOwnOrganizationSchema,
} from './organization-schemas';
import { insertOrganization, type ProvisionOrganization } from './provision';

/**
 * A signed-in person creates another organization and becomes its owner (self-service; the
 * console refuses before calling this when the installation leaves creation to the operator).
 * Limited per address like sign-up (countOrganizationCreation).
 */
export async function createOwnOrganization({
  db,
  user,
  input,
  ip,
  provisionOrganization,
  now = new Date(),
}: {
  db: PrismaClient;
  user: { userId: string; email: string };
  input: CreateOwnOrganizationInput;
  ip?: string | undefined;
  provisionOrganization: ProvisionOrganization | undefined;
  now?: Date;
}): Promise<{ orgId: string; name: string }> {
  const { name } = parseInput(createOwnOrganizationSchema, input);
  await countOrganizationCreation({ db, ip, now });
  return inUserTransaction({ db }, async (tx) => {
    const orgId = await insertOrganization(tx, {
      name,
      via: 'self-service',
      owner: user.email,
      actor: user,
      ip,
      provisionOrganization,
    });
    await tx.membership.create({ data: { orgId, userId: user.userId, role: 'owner' } });
    return { orgId, name };
  });
}
