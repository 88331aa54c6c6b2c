import {
  autocompletion,
  type CompletionContext,
  type CompletionResult,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { policyDocumentJsonSchema } from '@parapet/policy';
import type { EditorIssue } from '../document/group-issues';
import { checkPolicySource, lineDiagnostics } from './policy-diagnostics';
import { keyCompletions, valueCompletions, yamlPathAt } from './schema-completions';

/** Completes keys and named values from the engine's JSON Schema of a policy document. */
function completePolicyKeys(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const above = context.state.doc.sliceString(0, line.from).split('\n');
  const key = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)?$/.exec(before);
  if (key !== null) {
    const typed = key[3] ?? '';
    if (typed === '' && !context.explicit) return null;
    const column = (key[1]?.length ?? 0) + (key[2]?.length ?? 0);
    const options = keyCompletions(policyDocumentJsonSchema, yamlPathAt(above, column));
    return {
      from: context.pos - typed.length,
      options: options.map((option) => ({
        ...option,
        type: 'property',
        apply: `${option.label}: `,
      })),
      validFor: /^[\w-]*$/,
    };
  }
  const value = /^(\s*)(-\s+)?([A-Za-z_][\w-]*):\s+([\w-]*)$/.exec(before);
  if (value === null) return null;
  const column = (value[1]?.length ?? 0) + (value[2]?.length ?? 0);
  const path = [...yamlPathAt(above, column), value[3] as string];
  const options = valueCompletions(policyDocumentJsonSchema, path);
  if (options.length === 0) return null;
  return {
    from: context.pos - (value[4]?.length ?? 0),
    options: options.map((option) => ({ ...option, type: 'enum' })),
    validFor: /^[\w-]*$/,
  };
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--color-neutral-300)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid var(--color-accent-600)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)', minHeight: '24rem' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-neutral-50)',
    borderRight: '1px solid var(--color-neutral-200)',
  },
});

/**
 * Everything the source view needs: YAML highlighting (JSON is YAML, so it reads both), the
 * engine's check as you type plus the server's problems, and completion from the schema.
 */
export function policySourceExtensions(options: {
  label: string;
  readOnly: boolean;
  layer: () => string;
  serverIssues: () => readonly EditorIssue[];
  onChange: (source: string) => void;
}): Extension[] {
  const lint = linter(
    (view): Diagnostic[] => {
      const { doc } = view.state;
      const local = checkPolicySource(doc.toString(), options.layer());
      return lineDiagnostics(local, options.serverIssues(), doc.lines).map(({ line, message }) => {
        const at = doc.line(line);
        return { from: at.from, to: at.to, severity: 'error', message };
      });
    },
    { delay: 300 },
  );
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    yaml(),
    lint,
    autocompletion({ override: [completePolicyKeys] }),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
    EditorState.tabSize.of(2),
    EditorState.readOnly.of(options.readOnly),
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
    theme,
  ];
}
