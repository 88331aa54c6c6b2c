'use client';

import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { FormAction } from '@/server/entry-points/action-result';

type Domain = { id: string; domain: string };

/** The claimed domains, with a claim form and a release button each for owners. */
export function DomainsCard({
  orgId,
  domains,
  canChange,
  claim,
  release,
}: {
  orgId: string;
  domains: Domain[];
  canChange: boolean;
  claim: FormAction<null>;
  release: FormAction<null>;
}) {
  return (
    <div className="space-y-4">
      {domains.length === 0 ? (
        <p className="text-sm text-neutral-500">
          No domain claimed yet: nobody can find this organization with “Sign in with SSO”.
        </p>
      ) : (
        <ul className="divide-y divide-neutral-100" aria-label="Claimed domains">
          {domains.map((domain) => (
            <li key={domain.id} className="flex items-center justify-between py-2 text-sm">
              <span className="font-mono">{domain.domain}</span>
              {canChange ? (
                <SubmissionBoundary>
                  <ReleaseButton orgId={orgId} domain={domain} action={release} />
                </SubmissionBoundary>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canChange ? (
        <SubmissionBoundary>
          <ClaimForm orgId={orgId} action={claim} />
        </SubmissionBoundary>
      ) : null}
    </div>
  );
}

function ClaimForm({ orgId, action }: { orgId: string; action: FormAction<null> }) {
  const [state, formAction] = useFormAction(action);
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="min-w-64 flex-1">
        <TextField
          id="claim-domain"
          name="domain"
          label="Claim a domain"
          required
          placeholder="example.com"
          errors={errors.domain}
        />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Claiming…">
        Claim
      </SubmitButton>
      {state.status === 'success' && state.message ? (
        <Alert tone="success" className="w-full">
          {state.message}
        </Alert>
      ) : null}
      {state.status === 'error' && !errors.domain ? (
        <Alert tone="error" className="w-full">
          {state.message}
        </Alert>
      ) : null}
    </form>
  );
}

function ReleaseButton({
  orgId,
  domain,
  action,
}: {
  orgId: string;
  domain: Domain;
  action: FormAction<null>;
}) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction}>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="id" value={domain.id} />
      <SubmitButton
        variant="secondary"
        pendingLabel="Releasing…"
        aria-label={`Release ${domain.domain}`}
      >
        Release
      </SubmitButton>
      {state.status === 'error' ? (
        <span className="ml-2 text-xs text-red-700">{state.message}</span>
      ) : null}
    </form>
  );
}
