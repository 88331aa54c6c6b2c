'use client';

import { type ChangeEvent, useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { applyPeopleImportAction, previewPeopleImportAction } from './actions';
import { ImportPreview } from './import-preview';

export const peopleCsvHeader = 'email,display_name,external_id,groups,active';
const example = `${peopleCsvHeader}\ndana@example.com,Dana Reyes,00u1a2b3,engineering;oncall,true\nlee@example.com,Lee Park,,contractors,`;

/**
 * CSV import in two steps: Preview (what would be added and changed, and every bad line), then
 * Apply, which imports every line or, when any line is bad, none.
 */
export function ImportPeople({ orgId }: { orgId: string }) {
  const [csv, setCsv] = useState('');
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [applied, setApplied] = useState<{ csv: string; message: string } | null>(null);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setPreviewed(null);
  }

  return (
    <div className="space-y-4">
      <div className="rounded-md bg-neutral-50 px-3.5 py-2.5 text-sm text-neutral-600">
        <p>
          The first line names the columns; only <code className="font-mono text-xs">email</code> is
          required, in any order. Separate several groups with{' '}
          <code className="font-mono text-xs">;</code>. A column left out keeps what people already
          have; a blank <code className="font-mono text-xs">active</code> keeps the status.
        </p>
        <pre
          className="mt-2 overflow-x-auto font-mono text-xs text-neutral-800"
          data-testid="csv-header"
        >
          {peopleCsvHeader}
        </pre>
      </div>
      <SubmissionBoundary>
        <PreviewForm
          orgId={orgId}
          csv={csv}
          onCsvChange={(text) => {
            setCsv(text);
            setApplied(null);
          }}
          onChooseFile={chooseFile}
          onPreview={() => {
            setPreviewed(csv);
            setApplied(null);
          }}
          previewed={previewed}
          applied={applied}
          onApplied={(message) => setApplied({ csv, message })}
        />
      </SubmissionBoundary>
      <div className="text-xs text-neutral-500">
        <p>Example:</p>
        <pre className="mt-1 overflow-x-auto font-mono">{example}</pre>
      </div>
    </div>
  );
}

function PreviewForm({
  orgId,
  csv,
  onCsvChange,
  onChooseFile,
  onPreview,
  previewed,
  applied,
  onApplied,
}: {
  orgId: string;
  csv: string;
  onCsvChange: (text: string) => void;
  onChooseFile: (event: ChangeEvent<HTMLInputElement>) => void;
  onPreview: () => void;
  previewed: string | null;
  applied: { csv: string; message: string } | null;
  onApplied: (message: string) => void;
}) {
  const [state, formAction] = useFormAction(previewPeopleImportAction);
  const preview = state.status === 'success' && previewed === csv ? state.data : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} onSubmit={onPreview} className="space-y-3">
        <input type="hidden" name="orgId" value={orgId} />
        <TextAreaField
          id="people-csv"
          name="csv"
          label="People CSV"
          value={csv}
          onChange={(event) => onCsvChange(event.currentTarget.value)}
          placeholder={peopleCsvHeader}
          spellCheck={false}
          errors={state.status === 'error' ? state.fieldErrors?.csv : undefined}
          className="min-h-40 font-mono text-xs"
        />
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm text-neutral-700">
            <span className="sr-only">Choose a CSV file</span>
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={onChooseFile}
              className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-neutral-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-neutral-800 hover:file:bg-neutral-200"
            />
          </label>
          <SubmitButton variant="secondary" pendingLabel="Reading…" disabled={csv.trim() === ''}>
            Preview
          </SubmitButton>
        </div>
        {state.status === 'error' && !state.fieldErrors?.csv ? (
          <Alert tone="error">{state.message}</Alert>
        ) : null}
      </form>
      {previewed !== null && previewed !== csv && state.status === 'success' ? (
        <p className="text-sm text-neutral-600">
          The text changed since the preview: preview again.
        </p>
      ) : null}
      {applied?.csv === csv ? (
        <Alert tone="success">{applied.message}</Alert>
      ) : preview ? (
        <>
          <ImportPreview preview={preview} />
          <SubmissionBoundary>
            <ApplyForm
              orgId={orgId}
              csv={csv}
              blocked={preview.counts.problems > 0}
              nothingToDo={preview.counts.creates + preview.counts.updates === 0}
              onApplied={onApplied}
            />
          </SubmissionBoundary>
        </>
      ) : null}
    </div>
  );
}

function ApplyForm({
  orgId,
  csv,
  blocked,
  nothingToDo,
  onApplied,
}: {
  orgId: string;
  csv: string;
  blocked: boolean;
  nothingToDo: boolean;
  onApplied: (message: string) => void;
}) {
  const apply: typeof applyPeopleImportAction = async (previous, formData) => {
    const result = await applyPeopleImportAction(previous, formData);
    if (result.status === 'success') onApplied(result.message ?? 'Imported.');
    return result;
  };
  const [state, formAction] = useFormAction(apply);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="csv" value={csv} />
      {state.status === 'error' ? (
        <Alert tone="error">
          <p>{state.message}</p>
          {state.fieldErrors?.csv ? (
            <ul className="mt-1 list-disc pl-5">
              {state.fieldErrors.csv.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Importing…" disabled={blocked || nothingToDo}>
          Apply import
        </SubmitButton>
        {blocked ? (
          <p className="text-sm text-red-700">
            Fix the lines above first: an import is applied whole or not at all.
          </p>
        ) : nothingToDo ? (
          <p className="text-sm text-neutral-600">
            Nothing to import: the directory already matches.
          </p>
        ) : null}
      </div>
    </form>
  );
}
