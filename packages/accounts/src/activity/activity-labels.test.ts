import { describe, expect, it } from 'vitest';
import { activityLabel } from './activity-labels';

describe('activityLabel', () => {
  it.each([
    ['sign_in', undefined, 'Signed in'],
    ['invite_accepted', { role: 'auditor' }, 'Accepted an invite'],
    [
      'sign_in_lockout',
      { scope: 'account', failures: 5 },
      'Account locked after 5 failed sign-ins',
    ],
    [
      'sign_in_lockout',
      { scope: 'address', failures: 20 },
      'Network address locked after 20 failed sign-ins',
    ],
    ['sign_in_lockout', { scope: 'account', failures: 1 }, 'Account locked after 1 failed sign-in'],
    [
      'sign_in_lockout',
      { scope: 'account', failures: 5, trigger: 'change_password' },
      'Account locked after 5 failed password checks',
    ],
    [
      'sign_in_lockout',
      { scope: 'address', failures: 20, trigger: 'sign_in' },
      'Network address locked after 20 failed sign-ins',
    ],
    // Entries written before the count was recorded, or with details that are not what we wrote.
    ['sign_in_lockout', { scope: 'account' }, 'Account locked after failed sign-ins'],
    ['sign_in_lockout', null, 'Account locked after failed sign-ins'],
    ['sign_in_lockout', { failures: '5' }, 'Account locked after failed sign-ins'],
    ['sign_in_lockout', { failures: 2.5 }, 'Account locked after failed sign-ins'],
    ['directory.user_deprovisioned', { directory: 'Okta' }, 'A directory deprovisioned a person'],
    ['something_new', undefined, 'something_new'],
  ])('%s with details %j reads "%s"', (action, details, expected) => {
    expect(activityLabel(action, details)).toBe(expected);
  });
});
