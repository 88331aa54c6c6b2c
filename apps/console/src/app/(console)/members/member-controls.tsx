'use client';

import { changeMemberRoleSchema, roleLabels } from '@parapet/accounts/schemas';
import type { Role } from '@parapet/db';
import { useActionState, useState } from 'react';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { Button, SubmitButton } from '@/components/ui/button';
import type { ActionResult } from '@/server/actions/action-result';
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
      {props.canChangeRole ? <RoleForm {...props} /> : null}
      {props.canRemove ? <RemoveForm {...props} /> : null}
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
      <select
        id={selectId}
        name="role"
        defaultValue={role}
        className="rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-accent-600"
      >
        {assignableRoles.map((option) => (
          <option key={option} value={option}>
            {roleLabels[option]}
          </option>
        ))}
      </select>
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
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(removeMemberAction, {
    status: 'idle',
  } as ActionResult<null>);
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
      {state.status === 'error' ? (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
