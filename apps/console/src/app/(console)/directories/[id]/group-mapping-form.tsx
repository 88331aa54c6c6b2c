'use client';

import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { GroupCheckboxes } from '../../people/group-checkboxes';
import { setGroupMappingAction } from '../actions';

type Props = {
  orgId: string;
  directoryId: string;
  group: { id: string; displayName: string; policyGroups: string[] };
  policyGroups: string[];
};

/** Chooses the policy groups one IdP group maps to; saving recomputes its members at once. */
export function GroupMappingEditor(props: Props) {
  return (
    // Opens inside the row: the table's frame scrolls sideways and would clip a floating panel.
    <details>
      <summary
        className={buttonClasses('secondary', 'cursor-pointer list-none')}
        aria-label={`Map ${props.group.displayName}`}
      >
        Map
      </summary>
      <div className="mt-2 w-80 rounded-lg border border-neutral-200 bg-white p-4 text-left shadow-sm">
        <SubmissionBoundary>
          <GroupMappingForm {...props} />
        </SubmissionBoundary>
      </div>
    </details>
  );
}

function GroupMappingForm({ orgId, directoryId, group, policyGroups }: Props) {
  const [state, formAction] = useFormAction(setGroupMappingAction);
  const choices = [...new Set([...policyGroups, ...group.policyGroups])];
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={directoryId} />
      <input type="hidden" name="groupId" value={group.id} />
      <p className="text-sm font-medium text-neutral-900">{group.displayName}</p>
      <GroupCheckboxes
        idPrefix={`mapping-${group.id}`}
        groups={choices}
        defaultChecked={group.policyGroups}
        errors={state.status === 'error' ? state.fieldErrors?.groups : undefined}
      />
      <p className="text-xs text-neutral-500">
        Its members are put in these policy groups (and taken out of those unchecked) as soon as you
        save, and whenever the IdP changes who is in it.
      </p>
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === 'success' ? <Alert tone="success">{state.message}</Alert> : null}
      <SubmitButton pendingLabel="Saving…">Save mapping</SubmitButton>
    </form>
  );
}
