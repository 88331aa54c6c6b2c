'use client';

import { signInSchema } from '@parapet/accounts/schemas';
import type { ReactNode } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { signInAction } from './actions';

type Props = {
  /** A note from the page that sent the visitor here ("Your account is ready…"). */
  notice?: string | undefined;
  /** Other ways to sign in, shown between the notice and the password form. */
  children?: ReactNode;
};

export function SignInForm(props: Props) {
  return (
    <SubmissionBoundary>
      <SignInFormBody {...props} />
    </SubmissionBoundary>
  );
}

function SignInFormBody({ notice, children }: Props) {
  const form = useValidatedAction(signInAction, signInSchema);
  return (
    <>
      {/* Once the form reports an error, a cheerful "your account is ready" would contradict it. */}
      {notice && !form.hasErrors ? (
        <Alert tone="success" className="mb-4">
          {notice}
        </Alert>
      ) : null}
      {children}
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
          defaultValue={form.values.password}
          errors={form.fieldErrors.password}
          required
        />
        <SubmitButton className="w-full" pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
    </>
  );
}
