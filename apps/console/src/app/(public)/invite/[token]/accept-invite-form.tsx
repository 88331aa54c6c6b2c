'use client';

import { acceptInviteFormSchema } from '@parapet/accounts/schemas';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { acceptInviteAction } from './actions';

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  return (
    <SubmissionBoundary>
      <AcceptInviteFormBody token={token} email={email} />
    </SubmissionBoundary>
  );
}

function AcceptInviteFormBody({ token, email }: { token: string; email: string }) {
  const form = useValidatedAction(acceptInviteAction, acceptInviteFormSchema);
  return (
    <form
      key={form.formKey}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      className="space-y-4"
    >
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input
        type="hidden"
        name="username"
        autoComplete="username"
        value={email}
        readOnly
        disabled
      />
      <TextField
        id="name"
        name="name"
        label="Your name"
        autoComplete="name"
        defaultValue={form.values.name}
        errors={form.fieldErrors.name}
        required
      />
      <TextField
        id="password"
        name="password"
        defaultValue={form.values.password}
        type="password"
        label="Password"
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
        label="Repeat password"
        autoComplete="new-password"
        errors={form.fieldErrors.confirmPassword}
        required
      />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create account and join
      </SubmitButton>
    </form>
  );
}
