import type { PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { inviteLifetimeMs } from '../invites/invite-policy';
import { parseInput } from '../shared/parse-input';
import { createSecretToken, hashSecretToken } from '../shared/tokens';
import { inUserTransaction } from '../shared/transactions';
import {
  type CreateOrganizationWithInviteInput,
  createOrganizationWithInviteSchema,
} from './organization-schemas';
import { insertOrganization, type ProvisionOrganization } from './provision';

export type CreatedOrganizationWithInvite = {
  orgId: string;
  name: string;
  /** The owner invite: its secret is returned once (only its SHA-256 is stored). */
  invite: { inviteId: string; email: string; token: string; expiresAt: Date };
};

/**
 * The operator's way to add an organization (`pnpm parapet org create`): the organization with
 * everything an organization gets at creation, and an owner invite for `ownerEmail`, in one
 * commit. Nobody signed in does this, so the activity entries name no actor. The invite is an
 * ordinary one: a person who already has an account joins with its password, anyone else
 * creates their account on the invite page.
 */
export async function createOrganizationWithInvite({
  db,
  input,
  provisionOrganization,
  now = new Date(),
}: {
  db: PrismaClient;
  input: CreateOrganizationWithInviteInput;
  provisionOrganization: ProvisionOrganization | undefined;
  now?: Date;
}): Promise<CreatedOrganizationWithInvite> {
  const { name, ownerEmail } = parseInput(createOrganizationWithInviteSchema, input);
  const token = createSecretToken();
  const expiresAt = new Date(now.getTime() + inviteLifetimeMs);
  return inUserTransaction({ db }, async (tx) => {
    const orgId = await insertOrganization(tx, {
      name,
      via: 'operator',
      owner: ownerEmail,
      actor: undefined,
      provisionOrganization,
    });
    // The org was created a line above in this transaction: the invite names it explicitly.
    const invite = await tx.invite.create({
      data: {
        orgId,
        email: ownerEmail,
        role: 'owner',
        tokenHash: hashSecretToken(token),
        invitedById: null,
        expiresAt,
        createdAt: now,
      },
    });
    await appendActivity(tx, {
      orgId,
      action: 'invite_created',
      target: ownerEmail,
      details: { role: 'owner', expiresAt: expiresAt.toISOString(), via: 'operator' },
    });
    return { orgId, name, invite: { inviteId: invite.id, email: ownerEmail, token, expiresAt } };
  });
}
