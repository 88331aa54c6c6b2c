'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/button';
import type { ActionResult } from '@/server/actions/action-result';
import { revokeInviteAction } from './actions';

export function RevokeInviteButton({
  orgId,
  inviteId,
  email,
}: {
  orgId: string;
  inviteId: string;
  email: string;
}) {
  const [state, formAction] = useActionState(revokeInviteAction, {
    status: 'idle',
  } as ActionResult<null>);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      {state.status === 'error' ? (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
      <SubmitButton
        variant="danger"
        aria-label={`Revoke invite for ${email}`}
        pendingLabel="Revoking…"
      >
        Revoke
      </SubmitButton>
    </form>
  );
}
