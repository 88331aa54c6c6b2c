'use client';

import { createInviteSchema, roleLabels } from '@parapet/accounts/schemas';
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
import { createInviteAction } from './actions';

export const InviteForm = withSubmissionBoundary(function InviteForm({
  orgId,
  roles,
}: {
  orgId: string;
  roles: Role[];
}) {
  const form = useValidatedAction(createInviteAction, createInviteSchema);
  const created = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          <p className="font-medium">
            Invite link for {created.email} ({roleLabels[created.role]})
          </p>
          <p className="mt-1">
            Copy it now and send it to them: it is shown only once, works once, and expires in 7
            days.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label htmlFor="invite-link" className="sr-only">
              Invite link
            </label>
            <input
              id="invite-link"
              readOnly
              value={created.link}
              className={classNames(
                controlHeight,
                'min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 font-mono text-xs text-neutral-800',
              )}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={created.link} />
          </div>
        </Alert>
      ) : null}
      <ValidatedForm
        form={form}
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        errorClassName="sm:col-span-3"
      >
        <input type="hidden" name="orgId" value={orgId} />
        <FormTextField
          form={form}
          id="invite-email"
          name="email"
          type="email"
          label="Email"
          autoComplete="off"
          required
        />
        <SelectField
          id="invite-role"
          name="role"
          label="Role"
          defaultValue={form.values.role ?? 'auditor'}
          errors={form.fieldErrors.role}
          options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
        />
        <SubmitButton className="sm:mt-6.5" pendingLabel="Inviting…">
          Create invite
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
});
