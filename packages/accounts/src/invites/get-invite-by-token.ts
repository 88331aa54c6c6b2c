import type { PrismaClient, Role } from '@parapet/db';
import { hashSecretToken } from '../shared/tokens';
import { inviteTokenField } from './accept-invite.schema';
import { type InviteStatus, inviteStatus } from './invite-policy';

export type InvitePreview = {
  organizationName: string;
  email: string;
  role: Role;
  status: InviteStatus;
  expiresAt: Date;
};

/** What the invite page shows before accepting; null for a link that matches no invite. */
export async function getInviteByToken({
  db,
  token,
  now = new Date(),
}: {
  db: PrismaClient;
  token: string;
  now?: Date;
}): Promise<InvitePreview | null> {
  if (!inviteTokenField.safeParse(token).success) return null;
  // Unscoped by necessity: the token is what identifies the org (see acceptInvite).
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invite) return null;
  return {
    organizationName: invite.organization.name,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite, now),
    expiresAt: invite.expiresAt,
  };
}
