'use client';

import { useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import { InlineError } from '@/components/ui/inline-error';
import { retireSigningKeyAction, rotateSigningKeyAction } from './actions';

/**
 * Rotate, then confirm: the new key set reaches every device and cannot be taken back. While a
 * rotation is under way (`retiringKid`), it says to retire that key first. It stays mounted
 * through the page's refresh after a rotation, so its success message stays with it.
 */
export function RotateSigningKeyForm(props: { orgId: string; retiringKid: string | null }) {
  return (
    <SubmissionBoundary>
      <RotateSigningKey {...props} />
    </SubmissionBoundary>
  );
}

function RotateSigningKey({ orgId, retiringKid }: { orgId: string; retiringKid: string | null }) {
  const [state, formAction] = useFormAction(rotateSigningKeyAction);
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (state.status === 'success') return <Alert tone="success">{state.message}</Alert>;
  if (retiringKid) {
    return (
      <p className="text-sm text-neutral-600">
        A rotation is under way: once devices have the new key set, retire the previous key (
        <code className="font-mono text-xs">{retiringKid.slice(0, 8)}…</code>) below. Then you can
        rotate again.
      </p>
    );
  }
  if (!confirming) {
    return <Button onClick={() => setConfirming(true)}>Rotate signing key</Button>;
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <p className="text-sm text-neutral-800">
        Make a new key and publish a key set with both keys, signed by both? Bundles carry both
        signatures from the next generation on.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Rotating…">Confirm rotation</SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Retire, then confirm, on a key left over from a rotation. */
export function RetireSigningKeyButton({ orgId, kid }: { orgId: string; kid: string }) {
  return (
    <SubmissionBoundary>
      <RetireSigningKey orgId={orgId} kid={kid} />
    </SubmissionBoundary>
  );
}

function RetireSigningKey({ orgId, kid }: { orgId: string; kid: string }) {
  const [state, formAction] = useFormAction(retireSigningKeyAction);
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  const short = `${kid.slice(0, 8)}…`;
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Retire key ${kid}`}>
        Retire
      </Button>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="kid" value={kid} />
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
      <SubmitButton
        variant="danger"
        aria-label={`Confirm retiring key ${kid}`}
        pendingLabel="Retiring…"
      >
        Confirm retiring {short}
      </SubmitButton>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </form>
  );
}
