'use client';

import type { DestinationView, TestEventOutcome } from '@parapet/audit/destinations';
import { useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import type { FormAction } from '@/server/entry-points/action-result';
import { DestinationForm } from './destination-form';

export type DestinationActions = {
  update: FormAction<null>;
  setEnabled: FormAction<null>;
  remove: FormAction<null>;
  sendTest: FormAction<TestEventOutcome>;
};

type Props = {
  orgId: string;
  destination: Pick<
    DestinationView,
    'id' | 'name' | 'type' | 'format' | 'settings' | 'secretHint' | 'enabled'
  >;
  actions: DestinationActions;
};

/** What an admin does with one destination: test it, pause it, edit it, delete it. */
export function DestinationControls({ orgId, destination, actions }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        <SubmissionBoundary>
          <SendTestEvent orgId={orgId} id={destination.id} action={actions.sendTest} />
        </SubmissionBoundary>
        <SubmissionBoundary>
          <SetEnabled orgId={orgId} destination={destination} action={actions.setEnabled} />
        </SubmissionBoundary>
        <Button variant="secondary" onClick={() => setEditing((open) => !open)}>
          {editing ? 'Close editor' : 'Edit'}
        </Button>
        <SubmissionBoundary>
          <DeleteDestination orgId={orgId} destination={destination} action={actions.remove} />
        </SubmissionBoundary>
      </div>
      {editing ? (
        <div className="rounded-md border border-neutral-200 p-4">
          <SubmissionBoundary>
            <DestinationForm orgId={orgId} action={actions.update} destination={destination} />
          </SubmissionBoundary>
        </div>
      ) : null}
    </div>
  );
}

function SendTestEvent({
  orgId,
  id,
  action,
}: {
  orgId: string;
  id: string;
  action: FormAction<TestEventOutcome>;
}) {
  const [state, formAction] = useFormAction(action);
  const outcome = state.status === 'success' ? state.data : undefined;
  // `contents`: the button sits in the row of controls, and the outcome takes a line of its own
  // below them rather than widening the row.
  return (
    <form action={formAction} className="contents">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send test event
      </SubmitButton>
      {outcome ? (
        <Alert tone={outcome.delivered ? 'success' : 'error'} className="order-last basis-full">
          <span data-testid="test-event-outcome">
            {outcome.delivered ? 'delivered' : 'not delivered'}
          </span>
          {' — '}
          {state.status === 'success' ? state.message : null}
        </Alert>
      ) : null}
      {state.status === 'error' ? (
        <Alert tone="error" className="order-last basis-full">
          {state.message}
        </Alert>
      ) : null}
    </form>
  );
}

function SetEnabled({
  orgId,
  destination,
  action,
}: {
  orgId: string;
  destination: Props['destination'];
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={destination.id} />
      <input type="hidden" name="enabled" value={destination.enabled ? 'false' : 'true'} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {destination.enabled ? 'Pause' : 'Enable'}
      </SubmitButton>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}

// Confirm first: a deleted destination loses its cursor, and one added again starts at the end.
function DeleteDestination({
  orgId,
  destination,
  action,
}: {
  orgId: string;
  destination: Props['destination'];
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  const [confirming, setConfirming] = useState(() => state.status === 'error');
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-2 rounded-md border border-red-200 p-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={destination.id} />
      <p className="text-sm text-neutral-800">
        Delete <span className="font-medium">{destination.name}</span>? Nothing more is sent to it;
        added again, it starts with events stored from then on.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Confirm deleting {destination.name}
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
