'use client';

import type { ChangeEvent } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { FormAction } from '@/server/entry-points/action-result';
import { defaultRoleOptions } from './sso-form-input';

/**
 * Adds a SAML connection from the IdP's metadata: pasted, read from an uploaded file into the
 * same box, or fetched by the server from its https URL. Must sit in a SubmissionBoundary.
 */
export function SamlConnectionForm({ orgId, action }: { orgId: string; action: FormAction<null> }) {
  const [state, formAction] = useFormAction(action);
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    const box = document.getElementById('saml-metadata-xml');
    if (file && box instanceof HTMLTextAreaElement) box.value = await file.text();
  }

  return (
    <form action={formAction} className="space-y-4" autoComplete="off">
      <input type="hidden" name="orgId" value={orgId} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <TextField
        id="saml-name"
        name="name"
        label="Name"
        required
        maxLength={120}
        defaultValue={values.name}
        errors={errors.name}
        placeholder="Okta"
      />
      <TextAreaField
        id="saml-metadata-xml"
        name="metadataXml"
        label="IdP metadata XML"
        rows={6}
        defaultValue={values.metadataXml}
        errors={errors.metadataXml}
        placeholder='<md:EntityDescriptor entityID="…">…'
        hint="Paste it, or choose the file your IdP gave you."
      />
      <input
        type="file"
        accept=".xml,application/xml,text/xml"
        aria-label="Metadata file"
        onChange={readFile}
        className="block text-sm text-neutral-600"
      />
      <TextField
        id="saml-metadata-url"
        name="metadataUrl"
        label="…or its metadata URL"
        defaultValue={values.metadataUrl}
        errors={errors.metadataUrl}
        placeholder="https://example.okta.com/app/…/sso/saml/metadata"
        hint="https only. Parapet fetches it once, now."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="saml-groups-attribute"
          name="groupsAttribute"
          label="Groups attribute"
          defaultValue={values.groupsAttribute ?? 'groups'}
          errors={errors.groupsAttribute}
        />
        <SelectField
          id="saml-default-role"
          name="defaultRole"
          label="When no mapping matches"
          options={defaultRoleOptions}
          defaultValue={values.defaultRole ?? 'none'}
          errors={errors.defaultRole}
        />
      </div>
      <TextAreaField
        id="saml-role-mappings"
        name="roleMappings"
        label="Role mapping"
        rows={3}
        defaultValue={values.roleMappings}
        errors={errors.roleMappings}
        placeholder="groups = parapet-admins -> admin"
        hint="One per line: attribute = value -> owner, admin or auditor. The highest match wins."
      />
      <SubmitButton pendingLabel="Adding…">Add SAML connection</SubmitButton>
    </form>
  );
}
