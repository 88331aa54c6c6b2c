'use client';

import { useActionState } from 'react';
import { signOutAction } from '@/app/(console)/account/actions';
import type { ActionResult } from '@/server/actions/action-result';
import { SubmitButton } from '../ui/button';

export function SignOutButton({ className }: { className?: string }) {
  const [state, formAction] = useActionState(signOutAction, {
    status: 'idle',
  } as ActionResult<null>);
  return (
    <form action={formAction}>
      <SubmitButton variant="secondary" className={className} pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
      {state.status === 'error' ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
