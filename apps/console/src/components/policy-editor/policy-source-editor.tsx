'use client';

import { forceLinting } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { EditorIssue } from './document/group-issues';
import type { SourceFormat } from './document/render-value';
import { policySourceExtensions } from './source/policy-source-extensions';

const noIssues: readonly EditorIssue[] = [];

/**
 * The source view of a policy document: CodeMirror 6 over the text as written. Problems show
 * inline with their line, from the engine's own check as you type and from the server's last
 * answer. `readOnly` is read when the editor mounts; remount (a `key`) to change it.
 */
export function PolicySourceEditor({
  source,
  format,
  layer,
  issues = noIssues,
  readOnly = false,
  onChange,
}: {
  source: string;
  format: SourceFormat;
  layer: string;
  issues?: readonly EditorIssue[];
  readOnly?: boolean;
  onChange: (source: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The editor lives outside React's renders: it reads the newest props through this ref.
  const latest = useRef({ layer, issues, onChange, source });
  latest.current = { layer, issues, onChange, source };

  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.source,
        extensions: policySourceExtensions({
          label: `Policy source (${format === 'json' ? 'JSON' : 'YAML'})`,
          readOnly,
          layer: () => latest.current.layer,
          serverIssues: () => latest.current.issues,
          onChange: (text) => {
            latest.current.source = text;
            latest.current.onChange(text);
          },
        }),
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [format, readOnly]);

  // A source changed elsewhere (the structured view, a save) replaces the editor's text.
  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() === source) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: source } });
  }, [source]);

  // New problems from the server show at once, not at the next keystroke.
  useEffect(() => {
    if (view.current === null) return;
    latest.current.issues = issues;
    forceLinting(view.current);
  }, [issues]);

  return <div ref={host} className="overflow-hidden rounded-md bg-white text-sm" />;
}
