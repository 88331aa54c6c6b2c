'use client';

import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { classNames } from '../ui/class-names';
import type { EditorIssue } from './document/group-issues';
import type { SourceFormat } from './document/render-value';
import { PolicySourceEditor } from './policy-source-editor';
import { checkPolicySource } from './source/policy-diagnostics';
import { StructuredPolicyEditor } from './structured-policy-editor';
import { useLeavePrompt } from './use-leave-prompt';

type EditorView = 'structured' | 'source';

const noIssues: readonly EditorIssue[] = [];
const checkDelayMs = 300;

const viewLabels: Record<EditorView, string> = { structured: 'Rules', source: 'Source' };

function sameIssue(left: EditorIssue, right: EditorIssue): boolean {
  return left.path === right.path && left.message === right.message;
}

/**
 * One policy document in two views over one source string: the structured rules and the text.
 * Switching views loses nothing, because both edit the same text. The working text is kept here
 * until the caller saves it (a form around this editor submits it as `name`); leaving the page
 * with unsaved changes asks first.
 */
export function PolicyDocumentEditor({
  source,
  initialText,
  format,
  layer,
  issues = noIssues,
  readOnly = false,
  name = 'source',
  actions,
  onChange,
}: {
  /** The saved draft; when it changes (after a save), the working text follows it. */
  source: string;
  /**
   * The working text to start from when it is not the saved draft: text typed against an older
   * revision, kept when the newer one is loaded, so it shows as unsaved changes.
   */
  initialText?: string;
  format: SourceFormat;
  layer: string;
  /** The server's problems with the saved draft. */
  issues?: readonly EditorIssue[];
  readOnly?: boolean;
  /** The form field that carries the working text to a server action. */
  name?: string;
  /** Shown beside the view switch: the save button, for one. */
  actions?: ReactNode;
  onChange?: (source: string) => void;
}) {
  const [view, setView] = useState<EditorView>('structured');
  const [working, setWorking] = useState(initialText ?? source);
  const [saved, setSaved] = useState(source);
  if (saved !== source) {
    setSaved(source);
    setWorking(source);
  }
  const unsaved = working !== source;
  useLeavePrompt(unsaved && !readOnly);

  // The engine's check parses the whole document: it runs once the edits pause, not per edit.
  const [checked, setChecked] = useState(working);
  useEffect(() => {
    const timer = setTimeout(() => setChecked(working), checkDelayMs);
    return () => clearTimeout(timer);
  }, [working]);
  const localIssues = useMemo(() => checkPolicySource(checked, layer), [checked, layer]);
  const serverIssues = unsaved ? noIssues : issues;
  const shownIssues = useMemo(
    () => [
      ...localIssues,
      ...serverIssues.filter((issue) => !localIssues.some((local) => sameIssue(local, issue))),
    ],
    [localIssues, serverIssues],
  );

  const change = (next: string) => {
    setWorking(next);
    onChange?.(next);
  };

  return (
    <div className="space-y-4">
      <input type="hidden" name={name} value={working} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div
          role="tablist"
          aria-label="Editor view"
          className="inline-flex rounded-md bg-neutral-100 p-1"
        >
          {(Object.keys(viewLabels) as EditorView[]).map((each) => (
            <button
              key={each}
              type="button"
              role="tab"
              aria-selected={view === each}
              className={classNames(
                'rounded px-3 py-1 text-sm font-medium',
                view === each
                  ? 'bg-white text-neutral-900 shadow-xs'
                  : 'text-neutral-600 hover:text-neutral-900',
              )}
              onClick={() => setView(each)}
            >
              {viewLabels[each]}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-3">
          <p className="text-sm" aria-live="polite">
            {unsaved ? (
              <span className="font-medium text-amber-700">Unsaved changes</span>
            ) : (
              <span className="text-neutral-500">Saved</span>
            )}
            {shownIssues.length > 0 ? (
              <span className="ml-2 text-red-700">
                {shownIssues.length} {shownIssues.length === 1 ? 'problem' : 'problems'}
              </span>
            ) : null}
          </p>
          {actions}
        </div>
      </div>
      {view === 'structured' ? (
        <StructuredPolicyEditor
          source={working}
          issues={shownIssues}
          readOnly={readOnly}
          onChange={change}
        />
      ) : (
        <PolicySourceEditor
          key={readOnly ? 'read-only' : 'editable'}
          source={working}
          format={format}
          layer={layer}
          issues={serverIssues}
          readOnly={readOnly}
          onChange={change}
        />
      )}
    </div>
  );
}
