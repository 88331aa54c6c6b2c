'use client';

import { setupOrganizationFormSchema } from '@parapet/accounts/schemas';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { setupAction } from './actions';

export function SetupForm() {
  return (
    <SubmissionBoundary>
      <SetupFormBody />
    </SubmissionBoundary>
  );
}

function SetupFormBody() {
  const form = useValidatedAction(setupAction, setupOrganizationFormSchema);
  return (
    <form
      key={form.formKey}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      className="space-y-4"
    >
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <TextField
        id="organizationName"
        name="organizationName"
        label="Organization name"
        autoComplete="organization"
        defaultValue={form.values.organizationName}
        errors={form.fieldErrors.organizationName}
        required
      />
      <TextField
        id="name"
        name="name"
        label="Your name"
        hint="Optional."
        autoComplete="name"
        defaultValue={form.values.name}
        errors={form.fieldErrors.name}
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={form.values.email}
        errors={form.fieldErrors.email}
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
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create organization
      </SubmitButton>
    </form>
  );
}
