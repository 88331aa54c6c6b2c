'use client';

import type { PolicyIssue } from '@parapet/policy';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { SubmissionBoundary } from '@/components/forms/submission-boundary';
import { useFormAction } from '@/components/forms/use-form-action';
import { PolicyDocumentEditor } from '@/components/policy-editor/policy-document-editor';
import { Alert } from '@/components/ui/alert';
import { Button, SubmitButton } from '@/components/ui/button';
import { savePolicyDraftAction } from './actions';

export type DraftEditorProps = {
  orgId: string;
  layer: string;
  source: string;
  format: 'yaml' | 'json';
  revision: number;
  updatedBy: string | null;
  /** ISO time of the last save, or null for a document never saved. */
  updatedAt: string | null;
  issues: PolicyIssue[];
  canEdit: boolean;
};

/**
 * One document's draft in the editor, saved against the revision it was loaded at. When
 * someone saved since (STALE_REVISION), the newer revision can be loaded with the typed text
 * kept in the editor, as unsaved changes over it: nothing typed is lost.
 */
export function DraftEditor(props: DraftEditorProps) {
  const router = useRouter();
  const typed = useRef(props.source);
  const [reloading, setReloading] = useState<{ from: number; text: string } | null>(null);
  const [kept, setKept] = useState<{ key: number; text: string; revision: number } | null>(null);
  if (reloading && props.revision !== reloading.from) {
    setKept({ key: (kept?.key ?? 0) + 1, text: reloading.text, revision: props.revision });
    setReloading(null);
  }
  const reload = () => {
    setReloading({ from: props.revision, text: typed.current });
    router.refresh();
  };
  if (!props.canEdit) {
    return (
      <PolicyDocumentEditor
        source={props.source}
        format={props.format}
        layer={props.layer}
        issues={props.issues}
        readOnly
      />
    );
  }
  return (
    <div className="space-y-4">
      {kept && kept.revision === props.revision ? (
        <Alert tone="info">
          Loaded revision {props.revision}
          {props.updatedBy ? `, saved by ${props.updatedBy}` : ''}
          {props.updatedAt ? ` at ${props.updatedAt.slice(0, 19).replace('T', ' ')} UTC` : ''}. Your
          text is still in the editor as unsaved changes: compare it with the Source view’s, then
          save to replace that revision.
        </Alert>
      ) : null}
      <SubmissionBoundary>
        <SaveDraftForm
          key={kept?.key ?? 0}
          {...props}
          initialText={kept?.text}
          reloading={reloading !== null}
          onReload={reload}
          onChange={(text) => {
            typed.current = text;
          }}
        />
      </SubmissionBoundary>
    </div>
  );
}

function SaveDraftForm({
  orgId,
  layer,
  source,
  format,
  revision,
  issues,
  initialText,
  reloading,
  onReload,
  onChange,
}: DraftEditorProps & {
  initialText: string | undefined;
  reloading: boolean;
  onReload: () => void;
  onChange: (text: string) => void;
}) {
  const [state, formAction] = useFormAction(savePolicyDraftAction);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="layer" value={layer} />
      <input type="hidden" name="expectedRevision" value={revision} />
      {state.status === 'error' ? (
        <Alert tone="error">
          <p>{state.message}</p>
          {state.code === 'STALE_REVISION' ? (
            <Button variant="secondary" className="mt-2" onClick={onReload} disabled={reloading}>
              {reloading ? 'Loading…' : 'Load the newer revision, keeping my text'}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {state.status === 'success' && state.message ? (
        <Alert tone={state.data.problems === 0 ? 'success' : 'info'}>{state.message}</Alert>
      ) : null}
      <PolicyDocumentEditor
        source={source}
        initialText={initialText}
        format={format}
        layer={layer}
        issues={issues}
        onChange={onChange}
        actions={<SubmitButton pendingLabel="Saving…">Save draft</SubmitButton>}
      />
    </form>
  );
}
