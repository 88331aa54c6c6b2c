'use client';

import { acceptInviteFormSchema } from '@parapet/accounts/schemas';
import { FormTextField } from '@/components/forms/form-text-field';
import { NewPasswordFields } from '@/components/forms/new-password-fields';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { UsernameHint } from '@/components/forms/username-hint';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { acceptInviteAction } from './actions';

export const AcceptInviteForm = withSubmissionBoundary(function AcceptInviteForm({
  token,
  email,
}: {
  token: string;
  email: string;
}) {
  const form = useValidatedAction(acceptInviteAction, acceptInviteFormSchema);
  return (
    <ValidatedForm form={form} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <UsernameHint email={email} />
      <FormTextField form={form} name="name" label="Your name" autoComplete="name" required />
      <NewPasswordFields form={form} />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create account and join
      </SubmitButton>
    </ValidatedForm>
  );
});
