'use client';

import { createApiKeySchema, roleLabels } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { CopyButton } from '@/components/forms/copy-button';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { classNames } from '@/components/ui/class-names';
import { controlHeight } from '@/components/ui/control-classes';
import { SelectField } from '@/components/ui/field';
import { createApiKeyAction } from './actions';

const roles: Role[] = ['auditor', 'admin', 'owner'];

export const CreateApiKeyForm = withSubmissionBoundary(function CreateApiKeyForm({
  orgId,
}: {
  orgId: string;
}) {
  const form = useValidatedAction(createApiKeyAction, createApiKeySchema);
  const created = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          <p className="font-medium">
            API key “{created.name}” ({roleLabels[created.role]})
          </p>
          <p className="mt-1">
            Copy it now and store it as a secret: it is shown only once. Send it as{' '}
            <code className="font-mono text-xs">Authorization: Bearer …</code>.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label htmlFor="api-key-secret" className="sr-only">
              API key
            </label>
            <input
              id="api-key-secret"
              readOnly
              value={created.key}
              className={classNames(
                controlHeight,
                'min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 font-mono text-xs text-neutral-800',
              )}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={created.key} label="Copy key" />
          </div>
        </Alert>
      ) : null}
      <ValidatedForm
        form={form}
        className="grid gap-4 sm:grid-cols-[1fr_10rem_11rem_auto] sm:items-start"
        errorClassName="sm:col-span-4"
      >
        <input type="hidden" name="orgId" value={orgId} />
        <FormTextField
          form={form}
          id="api-key-name"
          name="name"
          label="Name"
          placeholder="CI policy sync"
          autoComplete="off"
          required
        />
        <SelectField
          id="api-key-role"
          name="role"
          label="Role"
          defaultValue={form.values.role ?? 'auditor'}
          errors={form.fieldErrors.role}
          options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
        />
        <FormTextField
          form={form}
          id="api-key-expires"
          name="expiresAt"
          type="date"
          label="Expires (optional)"
          hint="Works through this day (UTC)."
        />
        <SubmitButton className="sm:mt-6.5" pendingLabel="Creating…">
          Create key
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
});
