/** How each recorded action reads in the activity list. */
export const activityLabels: Record<string, string> = {
  setup: 'Set up the organization',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  sign_in_lockout: 'Sign-in locked after failed attempts',
  invite_created: 'Invited a member',
  invite_revoked: 'Revoked an invite',
  invite_accepted: 'Accepted an invite',
  role_changed: 'Changed a role',
  member_removed: 'Removed a member',
  password_changed: 'Changed their password',
};

export function activityLabel(action: string): string {
  return activityLabels[action] ?? action;
}
