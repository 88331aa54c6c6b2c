'use client';

import { useState } from 'react';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import { rollbackPolicyAction } from '../actions';
import { rollbackFormSchema } from '../policy-forms';

/**
 * Rolls back to a version: publishes its content as a new version and resets the drafts to it.
 * Asks for a message and a confirmation, since unpublished draft edits are replaced.
 */
export const RollbackForm = withSubmissionBoundary(function RollbackForm({
  orgId,
  version,
}: {
  orgId: string;
  version: number;
}) {
  const form = useValidatedAction(rollbackPolicyAction, rollbackFormSchema);
  const [open, setOpen] = useState(() => form.state.status === 'error');
  if (form.state.status === 'success') {
    return <Alert tone="success">{form.state.message}</Alert>;
  }
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Roll back to v{version}
      </Button>
    );
  }
  return (
    <ValidatedForm form={form} className="w-80 space-y-3 text-left">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="version" value={version} />
      <FormTextField
        form={form}
        id={`rollback-message-${version}`}
        name="message"
        label="Why roll back?"
        placeholder={`Back to v${version}: the new rule blocked deploys`}
        hint="Publishes this version’s content as a new version and replaces unpublished drafts."
        autoComplete="off"
        required
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <SubmitButton variant="danger" pendingLabel="Rolling back…">
          Confirm rollback to v{version}
        </SubmitButton>
      </div>
    </ValidatedForm>
  );
});
