'use client';

import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { addPersonAction } from './actions';
import { GroupCheckboxes } from './group-checkboxes';
import { addPersonFormSchema } from './people-form-schemas';

export const AddPersonForm = withSubmissionBoundary(function AddPersonForm({
  orgId,
  groups,
}: {
  orgId: string;
  groups: string[];
}) {
  const form = useValidatedAction(addPersonAction, addPersonFormSchema);
  return (
    <div className="space-y-4">
      {form.state.status === 'success' && form.state.message ? (
        <Alert tone="success">{form.state.message}</Alert>
      ) : null}
      <ValidatedForm form={form} className="space-y-4">
        <input type="hidden" name="orgId" value={orgId} />
        <div className="grid gap-4 sm:grid-cols-3">
          <FormTextField
            form={form}
            id="person-email"
            name="email"
            type="email"
            label="Email"
            placeholder="dana@example.com"
            autoComplete="off"
            required
          />
          <FormTextField
            form={form}
            id="person-display-name"
            name="displayName"
            label="Display name (optional)"
            autoComplete="off"
          />
          <FormTextField
            form={form}
            id="person-external-id"
            name="externalId"
            label="External id (optional)"
            hint="Their id in your identity provider."
            autoComplete="off"
          />
        </div>
        <GroupCheckboxes
          idPrefix="new-person"
          groups={groups}
          defaultChecked={splitGroups(form.values.groups)}
          errors={form.fieldErrors.groups}
        />
        <SubmitButton pendingLabel="Adding…">Add person</SubmitButton>
      </ValidatedForm>
    </div>
  );
});

function splitGroups(text: string | undefined): string[] {
  return text ? text.split(',').filter((name) => name !== '') : [];
}
