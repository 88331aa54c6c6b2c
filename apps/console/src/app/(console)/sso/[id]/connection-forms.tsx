'use client';

import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { FormAction } from '@/server/entry-points/action-result';
import { defaultRoleOptions } from '../sso-form-input';

export type ConnectionFormValues = {
  id: string;
  name: string;
  enabled: boolean;
  groupsAttribute: string;
  roleMappings: string;
  defaultRole: string;
};

/** The role-mapping editor and the connection's name and state. Must sit in a SubmissionBoundary. */
export function ConnectionSettingsForm({
  orgId,
  connection,
  action,
}: {
  orgId: string;
  connection: ConnectionFormValues;
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={connection.id} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === 'success' && state.message ? (
        <Alert tone="success">{state.message}</Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="connection-name"
          name="name"
          label="Name"
          required
          defaultValue={connection.name}
          errors={errors.name}
        />
        <TextField
          id="connection-groups-attribute"
          name="groupsAttribute"
          label="Groups attribute"
          defaultValue={connection.groupsAttribute}
          errors={errors.groupsAttribute}
        />
      </div>
      <TextAreaField
        id="connection-role-mappings"
        name="roleMappings"
        label="Role mapping"
        rows={4}
        defaultValue={connection.roleMappings}
        errors={errors.roleMappings}
        placeholder="groups = parapet-admins -> admin"
        hint="One per line: attribute = value -> owner, admin or auditor. The highest match wins."
      />
      <SelectField
        id="connection-default-role"
        name="defaultRole"
        label="When no mapping matches"
        options={defaultRoleOptions}
        defaultValue={connection.defaultRole}
        errors={errors.defaultRole}
      />
      <label className="flex items-center gap-2 text-sm text-neutral-700">
        <input type="checkbox" name="enabled" defaultChecked={connection.enabled} /> Enabled
      </label>
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}

export function DeleteConnectionForm({
  orgId,
  id,
  action,
}: {
  orgId: string;
  id: string;
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm('Delete this connection? People can no longer sign in through it.')) {
          event.preventDefault();
        }
      }}
    >
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={id} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <SubmitButton variant="secondary" pendingLabel="Deleting…">
        Delete connection
      </SubmitButton>
    </form>
  );
}
