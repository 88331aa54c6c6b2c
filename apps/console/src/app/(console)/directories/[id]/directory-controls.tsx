'use client';

import { useState } from 'react';
import { SecretLine } from '@/components/forms/secret-line';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import { deleteDirectoryAction, rotateDirectoryTokenAction } from '../actions';

type Props = { orgId: string; id: string; name: string };

/** An owner's controls for one directory: rotate its token, delete it; each confirmed first. */
export function DirectoryControls(props: Props) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      <SubmissionBoundary>
        <RotateToken {...props} />
      </SubmissionBoundary>
      <SubmissionBoundary>
        <DeleteDirectory {...props} />
      </SubmissionBoundary>
    </div>
  );
}

// Confirm first: the IdP's token stops working the moment the new one is made.
function RotateToken({ orgId, id, name }: Props) {
  const [state, formAction] = useFormAction(rotateDirectoryTokenAction);
  const [confirming, setConfirming] = useState(false);
  if (state.status === 'success') {
    return (
      <Alert tone="success" className="basis-full">
        <p className="font-medium">New token for {name}</p>
        <p className="mt-1">
          The old token no longer works: paste this one into the IdP now. It will not be shown
          again.
        </p>
        <SecretLine id="directory-new-token" label="Bearer token" value={state.data.token} />
      </Alert>
    );
  }
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Rotate token
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-2 rounded-md border border-amber-200 p-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-neutral-800">
        Replace the token of <span className="font-medium">{name}</span>? The IdP’s current token
        stops working at once, until you paste the new one.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Rotating…">Confirm rotating the token</SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

// Confirm first: its people lose the policy groups they hold through it.
function DeleteDirectory({ orgId, id, name }: Props) {
  const [state, formAction] = useFormAction(deleteDirectoryAction);
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete directory
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-2 rounded-md border border-red-200 p-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      <p className="max-w-prose text-sm text-neutral-800">
        Delete <span className="font-medium">{name}</span>? Its token stops working and its groups
        and event log go. Its people stay in People, managed by hand from now on, and lose every
        policy group they held through this directory.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Confirm deleting {name}
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
