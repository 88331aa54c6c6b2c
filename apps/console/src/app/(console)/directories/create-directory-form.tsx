'use client';

import Link from 'next/link';
import { FormTextField } from '@/components/forms/form-text-field';
import { SecretLine } from '@/components/forms/secret-line';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { createDirectoryAction } from './actions';
import { createDirectoryFormSchema } from './directory-form-schemas';

/** Adds a directory connection, then shows its base URL and token, the token this once. */
export const CreateDirectoryForm = withSubmissionBoundary(function CreateDirectoryForm({
  orgId,
}: {
  orgId: string;
}) {
  const form = useValidatedAction(createDirectoryAction, createDirectoryFormSchema);
  const created = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          <p className="font-medium">Directory “{created.name}” is ready for your IdP.</p>
          <p className="mt-1">
            Paste both values into its SCIM provisioning settings (Okta: SCIM connector base URL and
            HTTP Header token; Entra ID: Tenant URL and Secret Token). Copy the token now: it will
            not be shown again. If it is lost, rotate it.
          </p>
          <SecretLine id="directory-base-url" label="SCIM base URL" value={created.scimBaseUrl} />
          <SecretLine id="directory-token" label="Bearer token" value={created.token} />
          <p className="mt-3">
            <Link
              href={`/directories/${created.id}`}
              className="font-medium text-emerald-900 underline"
            >
              Open {created.name}
            </Link>{' '}
            to map its groups once the IdP has pushed them.
          </p>
        </Alert>
      ) : null}
      <ValidatedForm form={form} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="orgId" value={orgId} />
        <div className="min-w-64 flex-1">
          <FormTextField
            form={form}
            id="directory-name"
            name="name"
            label="Name"
            placeholder="Okta"
            autoComplete="off"
          />
        </div>
        <SubmitButton pendingLabel="Creating…">Create directory</SubmitButton>
      </ValidatedForm>
    </div>
  );
});
