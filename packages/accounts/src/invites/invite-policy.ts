/** Invite links work for seven days, once. */
export const inviteLifetimeMs = 7 * 24 * 60 * 60_000;

export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function inviteStatus(
  invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InviteStatus {
  if (invite.acceptedAt) return 'accepted';
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export const inviteStatusMessages: Record<Exclude<InviteStatus, 'pending'>, string> = {
  accepted: 'This invite has already been used. Sign in instead.',
  revoked: 'This invite was revoked. Ask an administrator for a new one.',
  expired: 'This invite has expired. Ask an administrator for a new one.',
};

/** What the invite page says about a link that can no longer be used. */
export function inviteStatusMessage(status: InviteStatus): string {
  return status === 'pending' ? 'This invite can be accepted.' : inviteStatusMessages[status];
}
