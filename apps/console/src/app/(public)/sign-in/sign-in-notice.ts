// Notes other pages send a visitor here with (`/sign-in?notice=setup`). A Map, not an object
// literal: `?notice=constructor` must find nothing, not Object's constructor.
const notices = new Map([
  ['setup', 'Your organization is ready. Sign in with the owner account you just created.'],
  ['invite', 'Your account is ready. Sign in with your email and new password.'],
  ['invite-joined', 'You have joined the organization. Sign in with your email and password.'],
  ['signed-out', 'You are signed out.'],
]);

/** The note for a `notice` query parameter, if it names one. */
export function signInNotice(notice: unknown): string | undefined {
  return typeof notice === 'string' ? notices.get(notice) : undefined;
}
