'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { editPolicySource, type PolicySourceEdit } from './document/edit-policy-source';
import {
  type EditorIssue,
  fieldKey,
  type GroupedIssues,
  groupIssues,
  ruleKey,
} from './document/group-issues';
import {
  type RuleRow as RuleRowModel,
  readPolicyRules,
  type SourceProblem,
} from './document/read-policy-rules';
import {
  addRuleLabels,
  type PolicySurface,
  policySurfaces,
  type RuleField,
  surfaceFields,
  surfaceLabels,
} from './document/rule-fields';
import { type RuleErrors, RuleRow } from './rule-row';

const noErrors: readonly string[] = [];

function rowErrors(grouped: GroupedIssues, surface: PolicySurface, row: RuleRowModel): RuleErrors {
  const fields: Partial<Record<RuleField, readonly string[]>> = {};
  for (const { field } of surfaceFields[surface]) {
    const messages = grouped.fields.get(fieldKey(surface, row.index, field));
    if (messages !== undefined) fields[field] = messages;
  }
  return { rule: grouped.rules.get(ruleKey(surface, row.index)) ?? noErrors, fields };
}

const noIssues: readonly EditorIssue[] = [];

function ProblemList({ problems }: { problems: readonly (SourceProblem | EditorIssue)[] }) {
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5">
      {problems.map((problem) => (
        <li
          key={`${problem.line ?? ''}:${'path' in problem ? problem.path : ''}:${problem.message}`}
        >
          {problem.line === undefined ? null : (
            <span className="font-mono">line {problem.line}: </span>
          )}
          {'path' in problem && problem.path !== '' ? (
            <span className="font-mono">{problem.path}: </span>
          ) : null}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The structured view of one policy document: a section per surface, rules as rows. Every edit
 * is applied to the source text (see editPolicySource), so what the structured view did not
 * touch stays exactly as written. It makes no server calls: the caller saves `onChange`'s text.
 */
export function StructuredPolicyEditor({
  source,
  issues = noIssues,
  readOnly = false,
  onChange,
}: {
  source: string;
  /** The document's problems (the server's and the local check's), each with its path. */
  issues?: readonly EditorIssue[];
  readOnly?: boolean;
  onChange: (source: string) => void;
}) {
  const read = useMemo(() => readPolicyRules(source), [source]);
  const [editProblems, setEditProblems] = useState<readonly SourceProblem[]>([]);
  // The rows keep one stable edit callback, so an edit re-renders only the rows it changed.
  const latest = useRef({ source, onChange });
  latest.current = { source, onChange };
  const onEdit = useCallback((edit: PolicySourceEdit) => {
    const result = editPolicySource(latest.current.source, edit);
    if (!result.ok) {
      setEditProblems(result.problems);
      return;
    }
    setEditProblems([]);
    latest.current.onChange(result.source);
  }, []);
  const chipText = useCallback(
    (key: string, chip: number) => {
      if (!read.readable) return undefined;
      const [surface, index, field] = key.split('/') as [keyof typeof read.rules, string, string];
      const value = read.rules[surface]?.[Number(index)]?.values[field as 'hosts'];
      return Array.isArray(value) ? value[chip] : undefined;
    },
    [read],
  );
  const grouped = useMemo(() => groupIssues(issues, chipText), [issues, chipText]);

  if (!read.readable) {
    return (
      <Alert tone="error">
        <p className="font-medium">
          Fix the source first: the structured view needs a document it can read.
        </p>
        <ProblemList problems={read.problems} />
      </Alert>
    );
  }
  return (
    <div className="space-y-5">
      {editProblems.length > 0 ? (
        <Alert tone="error">
          <ProblemList problems={editProblems} />
        </Alert>
      ) : null}
      {grouped.other.length > 0 ? (
        <Alert tone="error">
          <p className="font-medium">Problems elsewhere in the document</p>
          <ProblemList problems={grouped.other} />
        </Alert>
      ) : null}
      {policySurfaces.map((surface) => {
        const rows = read.rules[surface];
        return (
          <Card
            key={surface}
            title={surfaceLabels[surface]}
            description={`${rows.length} ${rows.length === 1 ? 'rule' : 'rules'}, evaluated top to bottom`}
            actions={
              readOnly ? null : (
                <Button variant="secondary" onClick={() => onEdit({ kind: 'add-rule', surface })}>
                  {addRuleLabels[surface]}
                </Button>
              )
            }
          >
            {rows.length === 0 ? (
              <p className="text-sm text-neutral-500">No rules.</p>
            ) : (
              <ol className="space-y-3">
                {rows.map((row) => {
                  const errors = rowErrors(grouped, surface, row);
                  return (
                    <RuleRow
                      key={`${row.index}:${row.values.id ?? ''}`}
                      surface={surface}
                      row={row}
                      isLast={row.index === rows.length - 1}
                      errors={errors}
                      signature={JSON.stringify([row, errors])}
                      readOnly={readOnly}
                      onEdit={onEdit}
                    />
                  );
                })}
              </ol>
            )}
          </Card>
        );
      })}
    </div>
  );
}
