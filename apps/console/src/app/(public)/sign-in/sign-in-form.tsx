'use client';

import { signInSchema } from '@parapet/accounts/schemas';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { signInAction } from './actions';

export function SignInForm() {
  const form = useValidatedAction(signInAction, signInSchema);
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
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        defaultValue={form.values.email}
        errors={form.fieldErrors.email}
        required
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        errors={form.fieldErrors.password}
        required
      />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
