'use client';

import { FormTextField } from '@/components/forms/form-text-field';
import { SecretLine } from '@/components/forms/secret-line';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { GroupCheckboxes } from '../../people/group-checkboxes';
import { createEnrollmentTokenAction } from './actions';
import {
  createEnrollmentTokenFormSchema,
  enrollmentTokenLifetimes,
} from './enrollment-token-form-schema';

export const CreateEnrollmentTokenForm = withSubmissionBoundary(function CreateEnrollmentTokenForm({
  orgId,
  groups,
}: {
  orgId: string;
  groups: string[];
}) {
  const form = useValidatedAction(createEnrollmentTokenAction, createEnrollmentTokenFormSchema);
  const created = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          <p className="font-medium">
            Enrollment token “{created.label}” ({created.reusable ? 'reusable' : 'one device'},
            until {created.expiresAt.slice(0, 16).replace('T', ' ')} UTC)
          </p>
          <p className="mt-1">
            Copy it now: it is shown only once. On the device, run the command below; the device
            then shows up on the Devices page.
          </p>
          <SecretLine id="enrollment-command" label="Enroll command" value={created.command} />
          <SecretLine id="enrollment-token" label="Enrollment token" value={created.token} />
        </Alert>
      ) : null}
      <ValidatedForm form={form} className="space-y-4">
        <input type="hidden" name="orgId" value={orgId} />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FormTextField
            form={form}
            id="enrollment-token-name"
            name="name"
            label="Name (optional)"
            placeholder="Ada’s laptop"
            autoComplete="off"
          />
          <FormTextField
            form={form}
            id="enrollment-token-person"
            name="person"
            type="email"
            label="Person (optional)"
            placeholder="ada@example.com"
            hint="Their devices get their groups."
            autoComplete="off"
          />
          <SelectField
            id="enrollment-token-reusable"
            name="reusable"
            label="Enrolls"
            defaultValue={form.values.reusable ?? 'false'}
            errors={form.fieldErrors.reusable}
            options={[
              { value: 'false', label: 'One device' },
              { value: 'true', label: 'Any number of devices' },
            ]}
          />
          <SelectField
            id="enrollment-token-expires"
            name="expiresIn"
            label="Expires after"
            defaultValue={form.values.expiresIn ?? '7d'}
            errors={form.fieldErrors.expiresIn ?? form.fieldErrors.expiresAt}
            options={enrollmentTokenLifetimes.map(({ value, label }) => ({ value, label }))}
          />
        </div>
        <GroupCheckboxes
          idPrefix="enrollment-token"
          groups={groups}
          defaultChecked={splitGroups(form.values.groups)}
          errors={form.fieldErrors.groups}
        />
        <p className="text-xs text-neutral-500">
          Devices enrolled with this token get these groups on top of their person’s. With neither a
          person nor groups, they get the guardrails and the baseline only.
        </p>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </ValidatedForm>
    </div>
  );
});

function splitGroups(text: string | undefined): string[] {
  return text ? text.split(',').filter((name) => name !== '') : [];
}
