'use client';

import { acceptInviteWithPasswordSchema } from '@parapet/accounts/schemas';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { UsernameHint } from '@/components/forms/username-hint';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { acceptInviteWithPasswordAction } from './actions';

/** For someone who already uses Parapet with the invited email: accept with that password. */
export const AcceptWithPasswordForm = withSubmissionBoundary(function AcceptWithPasswordForm({
  token,
  email,
}: {
  token: string;
  email: string;
}) {
  const form = useValidatedAction(acceptInviteWithPasswordAction, acceptInviteWithPasswordSchema);
  return (
    <ValidatedForm form={form} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <UsernameHint email={email} />
      {/* Its own id: the account form above has a "password" field too. */}
      <FormTextField
        form={form}
        name="password"
        id="existing-account-password"
        type="password"
        label="Password of your existing account"
        autoComplete="current-password"
        required
      />
      <SubmitButton variant="secondary" className="w-full" pendingLabel="Signing in…">
        Sign in and join
      </SubmitButton>
    </ValidatedForm>
  );
});
