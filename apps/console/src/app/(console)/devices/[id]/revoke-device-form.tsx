'use client';

import { useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import { revokeDeviceAction } from '../actions';

type Props = { orgId: string; id: string; hostname: string; revoked: boolean };

/**
 * Revoke, then confirm: a revoked device cannot be brought back, only enrolled anew. It stays
 * mounted through the page's refresh after the revocation, so its message stays with it.
 */
export function RevokeDeviceForm(props: Props) {
  return (
    <SubmissionBoundary>
      <RevokeDevice {...props} />
    </SubmissionBoundary>
  );
}

function RevokeDevice({ orgId, id, hostname, revoked }: Props) {
  const [state, formAction] = useFormAction(revokeDeviceAction);
  // A revocation that failed in transit comes back mounted anew: open at the confirmation, with
  // the reason, so it can be confirmed again.
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (state.status === 'success') return <Alert tone="success">{state.message}</Alert>;
  if (revoked) {
    return (
      <p className="text-sm text-neutral-600">
        This device is revoked. To use the machine again, enroll it anew with a new token.
      </p>
    );
  }
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Revoke device
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-neutral-800">
        Revoke <span className="font-medium">{hostname}</span>? It is refused from its next request
        on and keeps enforcing the last policy it verified. This cannot be undone: to use it again,
        enroll it anew.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingLabel="Revoking…">
          Confirm revoking {hostname}
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
