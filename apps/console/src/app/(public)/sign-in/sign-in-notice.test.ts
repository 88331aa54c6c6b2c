import { describe, expect, it } from 'vitest';
import { signInNotice } from './sign-in-notice';

describe('signInNotice', () => {
  it.each([
    ['setup', 'Your organization is ready. Sign in with the owner account you just created.'],
    ['signed-out', 'You are signed out.'],
    ['invite-joined', 'You have joined the organization. Sign in with your email and password.'],
    ['unknown', undefined],
    ['__proto__', undefined],
    ['constructor', undefined],
    ['toString', undefined],
    [['setup', 'invite'], undefined],
    [undefined, undefined],
  ])('reads %j as %j', (notice, expected) => {
    expect(signInNotice(notice)).toBe(expected);
  });
});
