'use client';

import { signInSchema } from '@parapet/accounts/schemas';
import type { ReactNode } from 'react';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { signInAction } from './actions';

type Props = {
  /** A note from the page that sent the visitor here ("Your account is ready…"). */
  notice?: string | undefined;
  /** Other ways to sign in, shown between the notice and the password form. */
  children?: ReactNode;
};

export const SignInForm = withSubmissionBoundary(function SignInForm({ notice, children }: Props) {
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
      <ValidatedForm form={form} className="space-y-4">
        <FormTextField
          form={form}
          name="email"
          type="email"
          label="Email"
          autoComplete="username"
          required
        />
        <FormTextField
          form={form}
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          required
        />
        <SubmitButton className="w-full" pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </ValidatedForm>
    </>
  );
});
