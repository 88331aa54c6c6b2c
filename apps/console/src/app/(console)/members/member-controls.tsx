'use client';

import { changeMemberRoleSchema, roleLabels } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Button, SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { Select } from '@/components/ui/select';
import { changeMemberRoleAction, removeMemberAction } from './actions';

type Props = {
  orgId: string;
  membershipId: string;
  email: string;
  role: Role;
  assignableRoles: Role[];
  canChangeRole: boolean;
  canRemove: boolean;
};

/** Role change and removal for one member; only rendered for what the viewer may do. */
export function MemberControls(props: Props) {
  return (
    <div className="flex flex-wrap items-start justify-end gap-2">
      {props.canChangeRole ? (
        <SubmissionBoundary>
          <RoleForm {...props} />
        </SubmissionBoundary>
      ) : null}
      {props.canRemove ? (
        <SubmissionBoundary>
          <RemoveForm {...props} />
        </SubmissionBoundary>
      ) : null}
    </div>
  );
}

function RoleForm({ orgId, membershipId, email, role, assignableRoles }: Props) {
  const form = useValidatedAction(changeMemberRoleAction, changeMemberRoleSchema);
  const selectId = `role-${membershipId}`;
  const message = form.state.status === 'success' ? form.state.message : form.formError;
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={selectId} className="sr-only">
        Role for {email}
      </label>
      <Select
        id={selectId}
        name="role"
        defaultValue={form.values.role ?? role}
        options={assignableRoles.map((option) => ({ value: option, label: roleLabels[option] }))}
        className="w-32"
      />
      <SubmitButton
        variant="secondary"
        aria-label={`Save role for ${email}`}
        pendingLabel="Saving…"
      >
        Save
      </SubmitButton>
      {message ? (
        <p
          role={form.state.status === 'error' || form.formError ? 'alert' : 'status'}
          className={
            form.state.status === 'error' ? 'text-xs text-red-700' : 'text-xs text-neutral-500'
          }
        >
          {message}
        </p>
      ) : null}
    </form>
  );
}

function RemoveForm({ orgId, membershipId, email }: Props) {
  const [state, formAction] = useFormAction(removeMemberAction);
  // A removal that failed in transit comes back mounted anew: open at the confirmation, with
  // the reason, so it can be confirmed again.
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Remove ${email}`}>
        Remove
      </Button>
    );
  }
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <SubmitButton
        variant="danger"
        aria-label={`Confirm removing ${email}`}
        pendingLabel="Removing…"
      >
        Confirm removal
      </SubmitButton>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
    </form>
  );
}
