import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { canManageRole, roleLabels } from '../shared/roles';
import { createSecretToken, hashSecretToken } from '../shared/tokens';
import { inOrgTransaction, recordActivity } from '../shared/transactions';
import { type CreateInviteInput, createInviteSchema } from './create-invite.schema';
import { inviteLifetimeMs } from './invite-policy';

export type CreatedInvite = {
  inviteId: string;
  email: string;
  role: 'owner' | 'admin' | 'auditor';
  expiresAt: Date;
  /** The secret for the invite link. Returned once; only its SHA-256 is stored. */
  token: string;
};

/**
 * Invites someone by email with a role. Admins may invite admins and auditors; only owners may
 * invite owners. Refuses an email that is already a member or already has a pending invite.
 */
export async function createInvite({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: CreateInviteInput }): Promise<CreatedInvite> {
  assertRole(actor, 'admin');
  const { email, role } = parseInput(createInviteSchema, input);
  if (!canManageRole({ actorRole: actor.role, role })) {
    throw new AppError('FORBIDDEN', `Your role cannot invite an ${roleLabels[role]}.`, {
      fieldErrors: { role: [`Only owners can invite an ${roleLabels[role]}.`] },
    });
  }
  const token = createSecretToken();
  const expiresAt = new Date(now.getTime() + inviteLifetimeMs);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const member = await tx.membership.findFirst({ where: { user: { email } } });
    if (member) {
      throw new AppError('CONFLICT', 'This person is already a member.', {
        fieldErrors: { email: ['This person is already a member.'] },
      });
    }
    const pending = await tx.invite.findFirst({
      where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    });
    if (pending) {
      throw new AppError('CONFLICT', 'This email already has a pending invite.', {
        fieldErrors: {
          email: ['This email already has a pending invite; revoke it to send a new one.'],
        },
      });
    }
    const invite = await tx.invite.create({
      data: {
        orgId: actor.orgId,
        email,
        role,
        tokenHash: hashSecretToken(token),
        invitedById: actor.userId,
        expiresAt,
        createdAt: now,
      },
    });
    await recordActivity(tx, {
      actor,
      action: 'invite_created',
      target: email,
      details: { role, expiresAt: expiresAt.toISOString() },
      ip,
    });
    return { inviteId: invite.id, email, role, expiresAt, token };
  });
}
