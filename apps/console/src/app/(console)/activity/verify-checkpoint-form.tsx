'use client';

import { verifyActivityCheckpointSchema } from '@parapet/accounts/schemas';
import { type ChangeEvent, useState } from 'react';
import { useValidatedAction } from '@/components/forms/use-validated-action';
import { ValidatedForm } from '@/components/forms/validated-form';
import { withSubmissionBoundary } from '@/components/forms/with-submission-boundary';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { verifyCheckpointAction } from './actions';

// A checkpoint file is about 600 bytes; anything far larger is not one.
const maxFileBytes = 10_000;

/**
 * Checks a saved checkpoint against the log: choose the file (read in the browser into the text
 * box) or paste it, and the answer shows above the form. The text is kept across answers, so a
 * refused paste can be corrected rather than pasted again.
 */
export const VerifyCheckpointForm = withSubmissionBoundary(function VerifyCheckpointForm({
  orgId,
}: {
  orgId: string;
}) {
  const form = useValidatedAction(verifyCheckpointAction, verifyActivityCheckpointSchema);
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const verdict = form.state.status === 'success' ? form.state.data : undefined;

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setFileError(undefined);
    if (!file) return;
    if (file.size > maxFileBytes) {
      setFileError('This file is too large to be a checkpoint.');
      return;
    }
    setText(await file.text());
  }

  return (
    <div className="space-y-4">
      {verdict ? (
        <Alert tone={verdict.status === 'consistent' ? 'success' : 'error'}>
          {verdict.message}
        </Alert>
      ) : null}
      <ValidatedForm form={form} className="space-y-4">
        <input type="hidden" name="orgId" value={orgId} />
        <div className="space-y-1.5">
          <label htmlFor="checkpoint-file" className="block text-sm font-medium text-neutral-800">
            Checkpoint file
          </label>
          <input
            id="checkpoint-file"
            type="file"
            accept="application/json,.json"
            onChange={readFile}
            aria-describedby={fileError ? 'checkpoint-file-error' : undefined}
            className="block text-sm text-neutral-700 file:mr-3 file:rounded-md file:border-0 file:bg-neutral-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-neutral-800 hover:file:bg-neutral-200"
          />
          {fileError ? (
            <p id="checkpoint-file-error" className="text-xs font-medium text-red-700">
              {fileError}
            </p>
          ) : null}
        </div>
        <TextAreaField
          id="checkpoint"
          name="checkpoint"
          label="Checkpoint"
          hint="The file's content appears here; you can also paste it."
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          errors={form.fieldErrors.checkpoint}
          className="font-mono text-xs"
        />
        <SubmitButton pendingLabel="Verifying…">Verify checkpoint</SubmitButton>
      </ValidatedForm>
    </div>
  );
});
