'use client';

import { createPolicyGroupSchema } from '@parapet/policy-admin/schemas';
import Link from 'next/link';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { createPolicyGroupAction } from './actions';
import { documentHref } from './policy-layers';

export const CreateGroupForm = withSubmissionBoundary(function CreateGroupForm({
  orgId,
}: {
  orgId: string;
}) {
  const form = useValidatedAction(createPolicyGroupAction, createPolicyGroupSchema);
  const created = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          Group “{created.name}” created.{' '}
          <Link href={documentHref(`group:${created.name}`)} className="font-medium underline">
            Edit its rules
          </Link>
        </Alert>
      ) : null}
      <ValidatedForm
        form={form}
        className="grid gap-4 sm:grid-cols-[14rem_1fr_auto] sm:items-start"
        errorClassName="sm:col-span-3"
      >
        <input type="hidden" name="orgId" value={orgId} />
        <FormTextField
          form={form}
          id="group-name"
          name="name"
          label="Name"
          placeholder="engineering"
          autoComplete="off"
          required
        />
        <FormTextField
          form={form}
          id="group-description"
          name="description"
          label="Description (optional)"
          placeholder="Developers’ agents: package registries and source hosting"
          autoComplete="off"
        />
        <SubmitButton className="sm:mt-6.5" pendingLabel="Creating…">
          Create group
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
});
