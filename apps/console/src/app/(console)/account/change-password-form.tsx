'use client';

import { changePasswordFormSchema } from '@parapet/accounts/schemas';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { changePasswordAction } from './actions';

export function ChangePasswordForm({ orgId, email }: { orgId: string; email: string }) {
  return (
    <SubmissionBoundary>
      <ChangePasswordFormBody orgId={orgId} email={email} />
    </SubmissionBoundary>
  );
}

function ChangePasswordFormBody({ orgId, email }: { orgId: string; email: string }) {
  const form = useValidatedAction(changePasswordAction, changePasswordFormSchema);
  return (
    <form
      key={form.formKey}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      className="max-w-md space-y-4"
    >
      <input type="hidden" name="orgId" value={orgId} />
      <input
        type="hidden"
        name="username"
        autoComplete="username"
        value={email}
        readOnly
        disabled
      />
      {form.state.status === 'success' && form.state.message ? (
        <Alert tone="success">{form.state.message}</Alert>
      ) : null}
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <TextField
        id="currentPassword"
        name="currentPassword"
        defaultValue={form.values.currentPassword}
        type="password"
        label="Current password"
        autoComplete="current-password"
        errors={form.fieldErrors.currentPassword}
        required
      />
      <TextField
        id="password"
        name="password"
        defaultValue={form.values.password}
        type="password"
        label="New password"
        hint="At least 12 characters."
        autoComplete="new-password"
        errors={form.fieldErrors.password}
        required
      />
      <TextField
        id="confirmPassword"
        name="confirmPassword"
        defaultValue={form.values.confirmPassword}
        type="password"
        label="Repeat new password"
        autoComplete="new-password"
        errors={form.fieldErrors.confirmPassword}
        required
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
