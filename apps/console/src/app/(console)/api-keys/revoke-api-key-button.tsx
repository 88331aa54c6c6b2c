'use client';

import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { revokeApiKeyAction } from './actions';

type Props = { orgId: string; id: string; name: string };

export function RevokeApiKeyButton(props: Props) {
  return (
    <SubmissionBoundary>
      <RevokeApiKeyForm {...props} />
    </SubmissionBoundary>
  );
}

function RevokeApiKeyForm({ orgId, id, name }: Props) {
  const [state, formAction] = useFormAction(revokeApiKeyAction);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
      <SubmitButton variant="danger" aria-label={`Revoke API key ${name}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
    </form>
  );
}
