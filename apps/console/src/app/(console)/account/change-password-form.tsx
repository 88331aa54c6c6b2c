'use client';

import { changePasswordFormSchema } from '@parapet/accounts/schemas';
import { FormTextField } from '@/components/forms/form-text-field';
import { NewPasswordFields } from '@/components/forms/new-password-fields';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { UsernameHint } from '@/components/forms/username-hint';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { changePasswordAction } from './actions';

export const ChangePasswordForm = withSubmissionBoundary(function ChangePasswordForm({
  orgId,
  email,
}: {
  orgId: string;
  email: string;
}) {
  const form = useValidatedAction(changePasswordAction, changePasswordFormSchema);
  return (
    <ValidatedForm form={form} className="max-w-md space-y-4">
      <input type="hidden" name="orgId" value={orgId} />
      <UsernameHint email={email} />
      {form.state.status === 'success' && form.state.message ? (
        <Alert tone="success">{form.state.message}</Alert>
      ) : null}
      <FormTextField
        form={form}
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
      />
      <NewPasswordFields form={form} label="New password" repeatLabel="Repeat new password" />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </ValidatedForm>
  );
});
