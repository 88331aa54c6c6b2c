'use client';

import { signOutAction } from '@/app/(console)/account/actions';
import { SubmissionBoundary } from '../forms/submission-boundary';
import { useFormAction } from '../forms/use-form-action';
import { SubmitButton } from '../ui/button';
import { InlineError } from '../ui/inline-error';

export function SignOutButton({ className }: { className?: string }) {
  return (
    <SubmissionBoundary>
      <SignOutForm className={className} />
    </SubmissionBoundary>
  );
}

function SignOutForm({ className }: { className?: string | undefined }) {
  const [state, formAction] = useFormAction(signOutAction);
  return (
    <form action={formAction}>
      <SubmitButton variant="secondary" className={className} pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
      {state.status === 'error' ? (
        <InlineError className="mt-2 max-w-48 md:max-w-none">{state.message}</InlineError>
      ) : null}
    </form>
  );
}
