'use client';

import type { DestinationView } from '@parapet/audit/destinations';
import { useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { FormAction } from '@/server/entry-points/action-result';
import {
  type DestinationTypeName,
  destinationTypeNames,
  destinationTypeSpecs,
  type FieldSpec,
  formatLabels,
} from './destination-field-specs';

type Props = {
  orgId: string;
  action: FormAction<null>;
  /** The destination being edited; a new one when absent. */
  destination?: Pick<
    DestinationView,
    'id' | 'name' | 'type' | 'format' | 'settings' | 'secretHint'
  >;
};

/**
 * Adds or edits a destination: the type picker shows only that type's settings and formats.
 * Secrets are password inputs that are never filled in: on an edit, blank keeps the stored one.
 * Must sit in a SubmissionBoundary.
 */
export function DestinationForm({ orgId, action, destination }: Props) {
  const [state, formAction] = useFormAction(action);
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const editing = destination !== undefined;
  const [type, setType] = useState<DestinationTypeName>(
    (destination?.type as DestinationTypeName | undefined) ??
      (values.type as DestinationTypeName | undefined) ??
      'webhook',
  );
  const spec = destinationTypeSpecs[type];
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const idPrefix = destination ? `destination-${destination.id.slice(-8)}` : 'new-destination';
  const initial = (name: string): string | undefined => {
    if (values[name] !== undefined) return values[name];
    const stored = destination?.settings[name];
    if (stored === undefined || stored === null) return undefined;
    return Array.isArray(stored) ? stored.join(', ') : String(stored);
  };
  // React resets the form after each send, so a typed secret does not linger in the page.
  return (
    <form action={formAction} className="space-y-4" autoComplete="off">
      <input type="hidden" name="orgId" value={orgId} />
      {editing ? <input type="hidden" name="id" value={destination.id} /> : null}
      {state.status === 'success' && state.message ? (
        <Alert tone="success">{state.message}</Alert>
      ) : null}
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {editing ? (
          <>
            <input type="hidden" name="type" value={type} />
            <TextField
              id={`${idPrefix}-type`}
              label="Type"
              value={spec.label}
              readOnly
              hint="A destination keeps its type."
            />
          </>
        ) : (
          <SelectField
            id={`${idPrefix}-type`}
            name="type"
            label="Type"
            value={type}
            onChange={(event) => setType(event.currentTarget.value as DestinationTypeName)}
            errors={errors.type}
            options={destinationTypeNames.map((name) => ({
              value: name,
              label: destinationTypeSpecs[name].label,
            }))}
          />
        )}
        <TextField
          id={`${idPrefix}-name`}
          name="name"
          label="Name"
          required
          maxLength={120}
          defaultValue={values.name ?? destination?.name}
          errors={errors.name}
          placeholder="Security data lake"
        />
        <SelectField
          key={type}
          id={`${idPrefix}-format`}
          name="format"
          label="Format"
          defaultValue={values.format ?? destination?.format ?? spec.formats[0]}
          errors={errors.format}
          options={spec.formats.map((format) => ({
            value: format,
            label: formatLabels[format] ?? format,
          }))}
        />
      </div>
      <div key={type} className="grid gap-4 sm:grid-cols-2">
        {spec.fields.map((field) => (
          <SettingField
            key={field.name}
            id={`${idPrefix}-${field.name}`}
            field={field}
            editing={editing}
            secretHint={destination?.secretHint ?? null}
            defaultValue={initial(field.name)}
            errors={errors[field.name]}
          />
        ))}
      </div>
      {errors._form ? <Alert tone="error">{errors._form.join(' ')}</Alert> : null}
      <SubmitButton pendingLabel={editing ? 'Saving…' : 'Adding…'}>
        {editing ? 'Save changes' : 'Add destination'}
      </SubmitButton>
    </form>
  );
}

function SettingField({
  id,
  field,
  editing,
  secretHint,
  defaultValue,
  errors,
}: {
  id: string;
  field: FieldSpec;
  editing: boolean;
  secretHint: string | null;
  defaultValue: string | undefined;
  errors: string[] | undefined;
}) {
  const common = { id, name: field.name, label: field.label, errors };
  if (field.kind === 'secret') {
    const kept = secretHint ? `The stored one ends in …${secretHint}.` : '';
    return (
      <TextField
        {...common}
        type="password"
        autoComplete="new-password"
        required={field.required && !editing}
        placeholder={editing ? 'Leave blank to keep the stored one' : undefined}
        hint={
          editing
            ? `Stored encrypted, never shown again. ${kept}`.trim()
            : `Stored encrypted, never shown again.${field.hint ? ` ${field.hint}` : ''}`
        }
      />
    );
  }
  if (field.kind === 'select') {
    const options = (field.options ?? []).map((value) => ({ value, label: value.toUpperCase() }));
    return (
      <SelectField {...common} defaultValue={defaultValue ?? options[0]?.value} options={options} />
    );
  }
  if (field.kind === 'textarea') {
    return <TextAreaField {...common} rows={3} defaultValue={defaultValue} hint={field.hint} />;
  }
  return (
    <TextField
      {...common}
      type={field.kind === 'url' ? 'url' : 'text'}
      inputMode={field.kind === 'number' ? 'numeric' : undefined}
      required={field.required}
      defaultValue={defaultValue}
      placeholder={field.placeholder}
      hint={field.hint}
    />
  );
}
