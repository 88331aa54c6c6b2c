'use client';

import type { EffectivePolicy } from '@parapet/policy';
import { useState } from 'react';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Button, SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TextAreaField } from '@/components/ui/field';
import { compareAction, simulateAction } from './actions';
import { ComparisonResults } from './comparison-results';
import { EffectivePolicyView, type RuleRef } from './effective-policy-view';
import { exampleRequests } from './request-summary';
import { SimulationResults } from './simulation-results';
import { compareFormSchema, simulateFormSchema } from './simulator-form-schemas';

export type SimulatorSubject = { person?: string; groups: string[] };

/**
 * The request box, its results and the effective view side by side: the rule that decided the
 * selected result is marked in the view. The subject and the policy read are the page's (its
 * address), so the view and the decisions always describe the same policy.
 */
export function SimulatorWorkbench({
  orgId,
  against,
  subject,
  effectivePolicy,
  canCompare,
}: {
  orgId: string;
  against: string;
  subject: SimulatorSubject;
  effectivePolicy: EffectivePolicy;
  canCompare: boolean;
}) {
  const [requests, setRequests] = useState(`${JSON.stringify(exampleRequests.network)}\n`);
  const [highlighted, setHighlighted] = useState<RuleRef | null>(null);
  const subjectFields = (
    <>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="person" value={subject.person ?? ''} />
      <input type="hidden" name="groups" value={subject.groups.join(',')} />
    </>
  );
  function addExample(surface: keyof typeof exampleRequests) {
    const line = JSON.stringify(exampleRequests[surface]);
    setRequests((text) =>
      text.trim() === '' ? `${line}\n` : `${text.replace(/\n*$/, '\n')}${line}\n`,
    );
  }
  return (
    <div className="grid gap-6 2xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <div className="space-y-6">
        <Card
          title="Requests"
          description="One request per line as JSON, or a JSON array. Start from an example of any surface."
        >
          <div className="mb-3 flex flex-wrap gap-2">
            {(Object.keys(exampleRequests) as (keyof typeof exampleRequests)[]).map((surface) => (
              <Button key={surface} variant="secondary" onClick={() => addExample(surface)}>
                + {surface}
              </Button>
            ))}
            <Button variant="ghost" onClick={() => setRequests('')}>
              Clear
            </Button>
          </div>
          <SimulateForm
            against={against}
            requests={requests}
            onRequestsChange={setRequests}
            onSelect={setHighlighted}
            subjectFields={subjectFields}
          />
        </Card>
        <Card
          title="Compare drafts with published"
          description="The same requests under the published version and under the drafts: which decisions publishing would change."
        >
          {canCompare ? (
            <CompareForm requests={requests} subjectFields={subjectFields} />
          ) : (
            <EmptyState title="Nothing published yet">
              Publish a first version on the Policy page; then drafts can be compared with it.
            </EmptyState>
          )}
        </Card>
      </div>
      <Card
        title="Effective policy"
        description="Every rule that applies, in evaluation order, labelled with the layer it comes from. The first rule that matches a request decides it."
      >
        <EffectivePolicyView policy={effectivePolicy} highlighted={highlighted} />
      </Card>
    </div>
  );
}

const SimulateForm = withSubmissionBoundary(function SimulateForm({
  against,
  requests,
  onRequestsChange,
  onSelect,
  subjectFields,
}: {
  against: string;
  requests: string;
  onRequestsChange: (text: string) => void;
  onSelect: (rule: RuleRef | null) => void;
  subjectFields: React.ReactNode;
}) {
  const form = useValidatedAction(simulateAction, simulateFormSchema);
  const result = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      <ValidatedForm form={form} className="space-y-3">
        {subjectFields}
        <input type="hidden" name="against" value={against} />
        <TextAreaField
          id="simulator-requests"
          name="requests"
          label="Requests (JSON lines)"
          value={requests}
          onChange={(event) => onRequestsChange(event.currentTarget.value)}
          spellCheck={false}
          errors={form.fieldErrors.requests}
          className="min-h-36 font-mono text-xs"
        />
        <SubmitButton pendingLabel="Simulating…">Simulate</SubmitButton>
      </ValidatedForm>
      {result ? <SimulationResults result={result} onSelect={onSelect} /> : null}
    </div>
  );
});

const CompareForm = withSubmissionBoundary(function CompareForm({
  requests,
  subjectFields,
}: {
  requests: string;
  subjectFields: React.ReactNode;
}) {
  const form = useValidatedAction(compareAction, compareFormSchema);
  const result = form.state.status === 'success' ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      <ValidatedForm form={form} className="space-y-3">
        {subjectFields}
        <input type="hidden" name="requests" value={requests} />
        {form.fieldErrors.requests ? (
          <p className="text-xs font-medium text-red-700">{form.fieldErrors.requests.join(' ')}</p>
        ) : null}
        <SubmitButton variant="secondary" pendingLabel="Comparing…">
          Compare drafts with published
        </SubmitButton>
      </ValidatedForm>
      {result ? <ComparisonResults result={result} /> : null}
    </div>
  );
});
