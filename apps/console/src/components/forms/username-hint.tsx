/**
 * The account's email as a hidden username field, so a password manager stores the password
 * typed next to it under the right account. Disabled: it is never sent.
 */
export function UsernameHint({ email }: { email: string }) {
  return (
    <input type="hidden" name="username" autoComplete="username" value={email} readOnly disabled />
  );
}
