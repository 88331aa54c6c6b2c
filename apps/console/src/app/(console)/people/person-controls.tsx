'use client';

import type { PersonRecord } from '@parapet/policy-admin';
import { FormTextField } from '@/components/forms/form-text-field';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { SubmitButton } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { InlineError } from '@/components/ui/inline-error';
import { changePersonAction, deactivatePersonAction, reactivatePersonAction } from './actions';
import { GroupCheckboxes } from './group-checkboxes';
import { changePersonFormSchema } from './people-form-schemas';

type Person = Pick<
  PersonRecord,
  'id' | 'email' | 'displayName' | 'externalId' | 'active' | 'groups'
>;

/** A row's controls: edit the person's names and groups, and deactivate or reactivate them. */
export function PersonControls({
  orgId,
  person,
  groups,
}: {
  orgId: string;
  person: Person;
  groups: string[];
}) {
  return (
    // The form opens inside the row, not floating over the page: the table's frame scrolls
    // sideways and would clip a floating panel.
    <div className="flex items-start justify-end gap-2">
      <details>
        <summary
          className={buttonClasses('secondary', 'cursor-pointer list-none')}
          aria-label={`Edit ${person.email}`}
        >
          Edit
        </summary>
        <div className="mt-2 w-80 rounded-lg border border-neutral-200 bg-white p-4 text-left shadow-sm">
          <EditPersonForm orgId={orgId} person={person} groups={groups} />
        </div>
      </details>
      <SubmissionBoundary>
        <ActiveToggle orgId={orgId} person={person} />
      </SubmissionBoundary>
    </div>
  );
}

const EditPersonForm = withSubmissionBoundary(function EditPersonForm({
  orgId,
  person,
  groups,
}: {
  orgId: string;
  person: Person;
  groups: string[];
}) {
  const form = useValidatedAction(changePersonAction, changePersonFormSchema);
  const idPrefix = `person-${person.id}`;
  // Groups the person holds that are not listed (none, unless one was deleted meanwhile) stay.
  const choices = [...new Set([...groups, ...person.groups])];
  return (
    <ValidatedForm form={form} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="personId" value={person.id} />
      <p className="text-sm font-medium text-neutral-900">{person.email}</p>
      <FormTextField
        form={{ ...form, values: { displayName: person.displayName ?? '', ...form.values } }}
        id={`${idPrefix}-display-name`}
        name="displayName"
        label="Display name"
        autoComplete="off"
      />
      <FormTextField
        form={{ ...form, values: { externalId: person.externalId ?? '', ...form.values } }}
        id={`${idPrefix}-external-id`}
        name="externalId"
        label="External id"
        autoComplete="off"
      />
      <GroupCheckboxes
        idPrefix={idPrefix}
        groups={choices}
        defaultChecked={person.groups}
        errors={form.fieldErrors.groups}
      />
      <div className="flex items-center justify-between gap-3">
        {form.state.status === 'success' ? (
          <p role="status" className="text-xs text-emerald-700">
            Saved.
          </p>
        ) : (
          <span />
        )}
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </ValidatedForm>
  );
});

function ActiveToggle({ orgId, person }: { orgId: string; person: Person }) {
  const [state, formAction] = useFormAction(
    person.active ? deactivatePersonAction : reactivatePersonAction,
  );
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="personId" value={person.id} />
      {state.status === 'error' ? <InlineError>{state.message}</InlineError> : null}
      {person.active ? (
        <SubmitButton
          variant="danger"
          aria-label={`Deactivate ${person.email}`}
          pendingLabel="Deactivating…"
        >
          Deactivate
        </SubmitButton>
      ) : (
        <SubmitButton
          variant="secondary"
          aria-label={`Reactivate ${person.email}`}
          pendingLabel="Reactivating…"
        >
          Reactivate
        </SubmitButton>
      )}
    </form>
  );
}
