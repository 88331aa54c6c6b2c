'use client';

import { setupOrganizationFormSchema } from '@parapet/accounts/schemas';
import { FormTextField } from '@/components/forms/form-text-field';
import { NewPasswordFields } from '@/components/forms/new-password-fields';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { setupAction } from './actions';

export const SetupForm = withSubmissionBoundary(function SetupForm({
  askForToken,
}: {
  /** A network-facing console asks for the setup token it printed in its log. */
  askForToken: boolean;
}) {
  const form = useValidatedAction(setupAction, setupOrganizationFormSchema);
  return (
    <ValidatedForm form={form} className="space-y-4">
      {askForToken ? (
        <FormTextField
          form={form}
          name="setupToken"
          label="Setup token"
          hint="The console printed it in its log when it started: “… enter this setup token: …”."
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          required
        />
      ) : null}
      <FormTextField
        form={form}
        name="organizationName"
        label="Organization name"
        autoComplete="organization"
        required
      />
      <FormTextField
        form={form}
        name="name"
        label="Your name"
        hint="Optional."
        autoComplete="name"
      />
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
        Create organization
      </SubmitButton>
    </ValidatedForm>
  );
});
