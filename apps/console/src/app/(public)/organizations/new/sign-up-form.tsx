'use client';

import { signUpFormSchema } from '@parapet/accounts/schemas';
import { FormTextField } from '@/components/forms/form-text-field';
import { NewPasswordFields } from '@/components/forms/new-password-fields';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { signUpAction } from './actions';

/** A visitor's account and first organization (self-service installations only). */
export const SignUpForm = withSubmissionBoundary(function SignUpForm() {
  const form = useValidatedAction(signUpAction, signUpFormSchema);
  return (
    <ValidatedForm form={form} className="space-y-4">
      <FormTextField
        form={form}
        name="organizationName"
        label="Organization name"
        autoComplete="organization"
        required
      />
      <FormTextField form={form} name="name" label="Your name" autoComplete="name" required />
      <FormTextField
        form={form}
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
      />
      <NewPasswordFields form={form} />
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create account and organization
      </SubmitButton>
    </ValidatedForm>
  );
});
