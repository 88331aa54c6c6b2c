/** How each recorded action reads in the activity list. */
export const activityLabels: Record<string, string> = {
  setup: 'Set up the organization',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  sign_in_lockout: 'Account locked after failed sign-ins',
  invite_created: 'Invited a member',
  invite_revoked: 'Revoked an invite',
  invite_accepted: 'Accepted an invite',
  role_changed: 'Changed a role',
  member_removed: 'Removed a member',
  password_changed: 'Changed their password',
  'policy.group_created': 'Created a policy group',
  'policy.group_updated': 'Changed a policy group',
  'policy.group_deleted': 'Deleted a policy group',
  'policy.draft_saved': 'Saved a policy draft',
  'policy.published': 'Published the policy',
  'policy.rolled_back': 'Rolled back the policy',
  'person.created': 'Added a person to the directory',
  'person.updated': 'Changed a person in the directory',
  'person.deactivated': 'Deactivated a person in the directory',
  'people.imported': 'Imported people from a CSV file',
  api_key_created: 'Created an API key',
  api_key_revoked: 'Revoked an API key',
  'enrollment_token.created': 'Created an enrollment token',
  'enrollment_token.revoked': 'Revoked an enrollment token',
  'device.enrolled': 'A device enrolled',
  'device.revoked': 'Revoked a device',
  'signing_key.rotated': 'Rotated the signing key',
  'signing_key.retired': 'Retired a signing key',
  'destination.create': 'Added a SIEM destination',
  'destination.update': 'Changed a SIEM destination',
  'destination.delete': 'Deleted a SIEM destination',
  'destination.test': 'Sent a test event to a SIEM destination',
  'auth.break_glass_sign_in': 'Break-glass sign-in with a password while SSO is required',
  'sso.connection_created': 'Added an SSO connection',
  'sso.connection_updated': 'Changed an SSO connection',
  'sso.connection_deleted': 'Deleted an SSO connection',
  'sso.domain_claimed': 'Claimed an email domain',
  'sso.domain_released': 'Released an email domain',
  'sso.required_on': 'Required single sign-on',
  'sso.required_off': 'Stopped requiring single sign-on',
  'sso.member_joined': 'Joined through single sign-on',
  'sso.role_changed': 'Role changed by the SSO role mapping',
  'sso.member_removed': 'Removed by the SSO role mapping',
  'directory.created': 'Connected a SCIM directory',
  'directory.token_rotated': 'Rotated a SCIM directory’s token',
  'directory.deleted': 'Deleted a SCIM directory',
  'directory.mapping_set': 'Mapped a directory group to policy groups',
  'directory.user_provisioned': 'A directory provisioned a person',
  'directory.user_deprovisioned': 'A directory deprovisioned a person',
  'directory.user_reactivated': 'A directory reactivated a person',
  'directory.user_deleted': 'A directory deleted a person',
};

/**
 * The label of one entry. A lockout says what was locked, after how many failures and of what
 * kind, read from the entry's own details (the limit in force when it was written, not
 * today's); entries without them keep the general wording.
 */
export function activityLabel(action: string, details?: unknown): string {
  if (action === 'sign_in_lockout') return lockoutLabel(details);
  return activityLabels[action] ?? action;
}

function lockoutLabel(details: unknown): string {
  const { scope, failures, trigger } = (
    typeof details === 'object' && details !== null ? details : {}
  ) as { scope?: unknown; failures?: unknown; trigger?: unknown };
  const what = scope === 'address' ? 'Network address' : 'Account';
  // The counters are shared: the failure that locked may have been a wrong current password on
  // the Account page rather than a sign-in.
  const attempts = trigger === 'change_password' ? 'password check' : 'sign-in';
  if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 1) {
    return `${what} locked after failed ${attempts}s`;
  }
  return `${what} locked after ${failures} failed ${attempts}${failures === 1 ? '' : 's'}`;
}
