'use client';

import { createOwnOrganizationSchema } from '@parapet/accounts/schemas';
import { createOrganizationAction } from '@/app/(console)/organizations/actions';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';

/** A signed-in person's new organization, which they will own. */
export const CreateOrganizationForm = withSubmissionBoundary(function CreateOrganizationForm() {
  const form = useValidatedAction(createOrganizationAction, createOwnOrganizationSchema);
  return (
    <ValidatedForm form={form} className="space-y-4">
      <FormTextField
        form={form}
        name="name"
        label="Organization name"
        autoComplete="organization"
        required
      />
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create organization
      </SubmitButton>
    </ValidatedForm>
  );
});
