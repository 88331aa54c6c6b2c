'use client';

import type { AppErrorIssue } from '@parapet/errors';
import Link from 'next/link';
import { FormTextField } from '@/components/forms/form-text-field';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { publishPolicyAction } from './actions';
import { publishFormSchema } from './policy-forms';
import { documentHref, layerLabel } from './policy-layers';

/**
 * Publishes the drafts as the next version. A refused publish lists every compile problem (with
 * its document, path and line) or every failing test (with what it expected and what it got).
 */
export const PublishPanel = withSubmissionBoundary(function PublishPanel({
  orgId,
  draftProblems,
  reviewed,
}: {
  orgId: string;
  draftProblems: number;
  /** The drafts' revisions as this page shows them (`layer@revision …`). */
  reviewed: string;
}) {
  const form = useValidatedAction(publishPolicyAction, publishFormSchema);
  const published = form.state.status === 'success' ? form.state.data : undefined;
  const refused =
    form.state.status === 'error' &&
    (form.state.code === 'POLICY_INVALID' || form.state.code === 'POLICY_TESTS_FAILED')
      ? { code: form.state.code, issues: form.state.issues ?? [] }
      : undefined;
  return (
    <div className="space-y-4">
      {published ? (
        <Alert tone="success">
          Published version {published.version}.{' '}
          <Link href="/policy/versions" className="font-medium underline">
            See it in the history
          </Link>
        </Alert>
      ) : null}
      {draftProblems > 0 ? (
        <p className="text-sm text-amber-800">
          The drafts have {draftProblems} {draftProblems === 1 ? 'problem' : 'problems'}: publishing
          will be refused until they are fixed.
        </p>
      ) : null}
      <ValidatedForm
        // A refused publish lists its problems below, one by one, instead of in one message.
        form={refused ? { ...form, formError: undefined } : form}
        className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start"
        errorClassName="sm:col-span-2"
      >
        <input type="hidden" name="orgId" value={orgId} />
        <input type="hidden" name="reviewed" value={reviewed} />
        <FormTextField
          form={form}
          id="publish-message"
          name="message"
          label="What does this version change?"
          placeholder="Allow the data team to reach the warehouse"
          autoComplete="off"
          required
        />
        <SubmitButton className="sm:mt-6.5" pendingLabel="Checking and publishing…">
          Publish
        </SubmitButton>
      </ValidatedForm>
      {refused ? <RefusedPublish code={refused.code} issues={refused.issues} /> : null}
    </div>
  );
});

function RefusedPublish({
  code,
  issues,
}: {
  code: 'POLICY_INVALID' | 'POLICY_TESTS_FAILED';
  issues: AppErrorIssue[];
}) {
  const title =
    code === 'POLICY_INVALID'
      ? `Not published: the policy has ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`
      : `Not published: ${issues.length} policy ${issues.length === 1 ? 'test fails' : 'tests fail'}`;
  return (
    <section aria-label="Why the publish was refused">
      <h3 className="text-sm font-semibold text-red-800">{title}</h3>
      <ul className="mt-2 divide-y divide-red-100 rounded-md border border-red-200 bg-red-50">
        {issues.map((issue, index) => (
          <li
            // Issues have no identity of their own; their order is the server's and stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={index}
            className="px-3.5 py-2.5 text-sm text-red-900"
          >
            {code === 'POLICY_INVALID' ? (
              <CompileIssue issue={issue} />
            ) : (
              <TestIssue issue={issue} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function IssueLayer({ layer }: { layer: unknown }) {
  if (typeof layer !== 'string') return null;
  return (
    <Link href={documentHref(layer)} className="font-medium underline">
      {layerLabel(layer)}
    </Link>
  );
}

function CompileIssue({ issue }: { issue: AppErrorIssue }) {
  return (
    <>
      <IssueLayer layer={issue.layer} />
      {typeof issue.path === 'string' && issue.path !== '' ? (
        <code className="ml-2 font-mono text-xs">{issue.path}</code>
      ) : null}
      {typeof issue.line === 'number' ? (
        <span className="ml-2 text-xs text-red-700">line {issue.line}</span>
      ) : null}
      <p className="mt-0.5">{issue.message}</p>
    </>
  );
}

function TestIssue({ issue }: { issue: AppErrorIssue }) {
  return (
    <>
      <IssueLayer layer={issue.layer} />
      <span className="ml-2 font-medium">test “{String(issue.test)}”</span>
      <dl className="mt-1 grid grid-cols-[5rem_1fr] gap-x-2 text-xs">
        <dt className="text-red-700">Expected</dt>
        <dd className="font-mono">{describeOutcome(issue.expected)}</dd>
        <dt className="text-red-700">Actual</dt>
        <dd className="font-mono">{describeOutcome(issue.actual)}</dd>
      </dl>
    </>
  );
}

// A test's expectation or result: its decision, then whatever else it names.
function describeOutcome(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const { decision, ...rest } = value as Record<string, unknown>;
  const details = Object.entries(rest)
    .filter(([, detail]) => detail !== undefined)
    .map(([key, detail]) => `${key} ${detail === null ? 'none' : String(detail)}`);
  return details.length === 0 ? String(decision) : `${String(decision)} (${details.join(', ')})`;
}
