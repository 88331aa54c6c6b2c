'use client';

import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { revokeInviteAction } from './actions';

type Props = { orgId: string; inviteId: string; email: string };

export function RevokeInviteButton(props: Props) {
  return (
    <SubmissionBoundary>
      <RevokeInviteForm {...props} />
    </SubmissionBoundary>
  );
}

function RevokeInviteForm({ orgId, inviteId, email }: Props) {
  const [state, formAction] = useFormAction(revokeInviteAction);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
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
