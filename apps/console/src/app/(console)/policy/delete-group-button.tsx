'use client';

import { useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Button, SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { deletePolicyGroupAction } from './actions';

type Props = { orgId: string; name: string };

/** Deletes a group after a confirmation: its draft and its people's memberships go with it. */
export function DeleteGroupButton(props: Props) {
  return (
    <SubmissionBoundary>
      <DeleteGroupForm {...props} />
    </SubmissionBoundary>
  );
}

function DeleteGroupForm({ orgId, name }: Props) {
  const [state, formAction] = useFormAction(deletePolicyGroupAction);
  // A deletion that failed in transit comes back mounted anew: open at the confirmation.
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (!confirming) {
    return (
      <Button
        variant="danger"
        onClick={() => setConfirming(true)}
        aria-label={`Delete group ${name}`}
      >
        Delete
      </Button>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="name" value={name} />
      <span className="text-xs text-neutral-600">Its draft and memberships go too.</span>
      <SubmitButton
        variant="danger"
        aria-label={`Confirm deleting group ${name}`}
        pendingLabel="Deleting…"
      >
        Confirm deletion
      </SubmitButton>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
    </form>
  );
}
