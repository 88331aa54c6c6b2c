'use client';

import { useEffect } from 'react';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { findSsoAction } from './actions';
import { ssoEmailSchema } from './sso-email.schema';

type Choices = { choices: { name: string; protocol: string; href: string }[] } | null;

/** The email form of "Sign in with SSO", and the choice of connection when there are several. */
export const SsoEmailForm = withSubmissionBoundary(function SsoEmailForm({
  callbackUrl,
  error,
}: {
  callbackUrl: string;
  error?: string | undefined;
}) {
  const form = useValidatedAction(findSsoAction, ssoEmailSchema);
  const data = form.state.status === 'success' ? (form.state.data as Choices) : null;
  const only = data?.choices.length === 1 ? data.choices[0]?.href : undefined;
  useEffect(() => {
    if (only) window.location.assign(only);
  }, [only]);
  if (only)
    return <p className="text-sm text-neutral-600">Taking you to your identity provider…</p>;
  if (data?.choices) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-neutral-600">
          Your organization has several ways in. Choose one:
        </p>
        {data.choices.map((choice) => (
          <a key={choice.href} href={choice.href} className={buttonClasses('secondary', 'w-full')}>
            Continue with {choice.name}{' '}
            <span className="ml-1 text-xs uppercase text-neutral-400">{choice.protocol}</span>
          </a>
        ))}
      </div>
    );
  }
  return (
    <>
      {error && !form.hasErrors ? (
        <Alert tone="error" className="mb-4">
          {error}
        </Alert>
      ) : null}
      <ValidatedForm form={form} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormTextField
          form={form}
          name="email"
          type="email"
          label="Work email"
          autoComplete="username"
          required
        />
        <SubmitButton className="w-full" pendingLabel="Finding your sign-in…">
          Continue with SSO
        </SubmitButton>
      </ValidatedForm>
    </>
  );
});
