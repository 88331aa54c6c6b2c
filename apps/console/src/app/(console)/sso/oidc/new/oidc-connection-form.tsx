'use client';

import { CopyButton } from '@/components/forms/copy-button';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { FormAction } from '@/server/entry-points/action-result';
import type { CreatedOidcConnection } from './actions';

/**
 * Adds an OIDC connection. The secret is a password input that is never filled in again; once
 * saved, the page shows the sign-in redirect URI to register at the IdP. Must sit in a
 * SubmissionBoundary.
 */
export function OidcConnectionForm({
  orgId,
  action,
}: {
  orgId: string;
  action: FormAction<CreatedOidcConnection>;
}) {
  const [state, formAction] = useFormAction(action);
  if (state.status === 'success') {
    return (
      <div className="space-y-4">
        <Alert tone="success">{state.message}</Alert>
        <p className="text-sm text-neutral-700">
          Register this sign-in redirect URI in the IdP’s app (Okta: “Sign-in redirect URIs”; Entra
          ID: “Redirect URI”, platform Web):
        </p>
        <div className="flex items-center gap-2">
          <code
            className="break-all rounded bg-neutral-100 px-2 py-1 text-sm"
            data-testid="oidc-redirect-uri"
          >
            {state.data.redirectUri}
          </code>
          <CopyButton value={state.data.redirectUri} label="Copy" />
        </div>
        <a href="/sso" className="text-sm text-sky-700 underline">
          Back to single sign-on
        </a>
      </div>
    );
  }
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" autoComplete="off">
      <input type="hidden" name="orgId" value={orgId} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="oidc-name"
          name="name"
          label="Name"
          required
          maxLength={120}
          defaultValue={values.name}
          errors={errors.name}
          placeholder="Okta"
        />
        <TextField
          id="oidc-issuer"
          name="issuer"
          label="Issuer URL"
          required
          defaultValue={values.issuer}
          errors={errors.issuer}
          placeholder="https://example.okta.com"
          hint="Parapet reads its /.well-known/openid-configuration when you save."
        />
        <TextField
          id="oidc-client-id"
          name="clientId"
          label="Client ID"
          required
          defaultValue={values.clientId}
          errors={errors.clientId}
        />
        <TextField
          id="oidc-client-secret"
          name="clientSecret"
          label="Client secret"
          type="password"
          required
          errors={errors.clientSecret}
          hint="Stored encrypted; never shown again."
        />
        <TextField
          id="oidc-groups-claim"
          name="groupsAttribute"
          label="Groups claim"
          defaultValue={values.groupsAttribute ?? 'groups'}
          errors={errors.groupsAttribute}
          hint="The ID token claim that lists the person’s groups."
        />
        <SelectField
          id="oidc-default-role"
          name="defaultRole"
          label="Role when no rule matches"
          defaultValue={values.defaultRole ?? 'none'}
          errors={errors.defaultRole}
          options={[
            { value: 'none', label: 'No console access' },
            { value: 'auditor', label: 'Auditor' },
            { value: 'admin', label: 'Admin' },
          ]}
        />
      </div>
      <TextAreaField
        id="oidc-role-mappings"
        name="roleMappings"
        label="Role mapping"
        rows={4}
        defaultValue={values.roleMappings}
        errors={errors.roleMappings}
        placeholder={'groups = parapet-owners -> owner\ngroups = parapet-admins -> admin'}
        hint="One rule per line: claim = value -> owner, admin or auditor. The highest matching role wins at every sign-in."
      />
      <SubmitButton pendingLabel="Checking the issuer…">Add connection</SubmitButton>
    </form>
  );
}
