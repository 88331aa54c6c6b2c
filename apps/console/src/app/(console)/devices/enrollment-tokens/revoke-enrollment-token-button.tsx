'use client';

import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { revokeEnrollmentTokenAction } from './actions';

type Props = { orgId: string; id: string; label: string };

export function RevokeEnrollmentTokenButton(props: Props) {
  return (
    <SubmissionBoundary>
      <RevokeEnrollmentTokenForm {...props} />
    </SubmissionBoundary>
  );
}

// No confirmation step: revoking a token stops only future enrollments, and a new token takes
// a moment to make.
function RevokeEnrollmentTokenForm({ orgId, id, label }: Props) {
  const [state, formAction] = useFormAction(revokeEnrollmentTokenAction);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
      <SubmitButton variant="danger" aria-label={`Revoke token ${label}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
    </form>
  );
}
