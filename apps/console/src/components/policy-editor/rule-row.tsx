'use client';

import { memo } from 'react';
import { Button } from '../ui/button';
import type { PolicySourceEdit } from './document/edit-policy-source';
import type { RuleRow as RuleRowModel } from './document/read-policy-rules';
import { type PolicySurface, type RuleField, surfaceFields } from './document/rule-fields';
import { RuleFieldInput } from './rule-field-input';

const wideFields = new Set(['description', 'hosts', 'paths', 'destinations', 'server.command']);
const noErrors: readonly string[] = [];

/** A rule's problems: of the rule as a whole, and of each field. */
export interface RuleErrors {
  readonly rule: readonly string[];
  readonly fields: Partial<Record<RuleField, readonly string[]>>;
}

type RuleRowProps = {
  surface: PolicySurface;
  row: RuleRowModel;
  isLast: boolean;
  errors: RuleErrors;
  /** The row and its errors as text: equal signatures mean nothing to redraw. */
  signature: string;
  readOnly: boolean;
  onEdit: (edit: PolicySourceEdit) => void;
};

// Every edit re-reads the document, so every row gets new objects; on a document of a thousand
// rules only the rows whose content changed may redraw, or one edit would cost a full render.
function sameRow(before: RuleRowProps, after: RuleRowProps): boolean {
  return (
    before.signature === after.signature &&
    before.surface === after.surface &&
    before.isLast === after.isLast &&
    before.readOnly === after.readOnly &&
    before.onEdit === after.onEdit
  );
}

/** One rule: its fields, its problems, and the buttons that move and remove it. */
export const RuleRow = memo(function RuleRow({
  surface,
  row,
  isLast,
  errors,
  readOnly,
  onEdit,
}: RuleRowProps) {
  const { index, values, action } = row;
  const id = typeof values.id === 'string' && values.id !== '' ? values.id : `rule ${index + 1}`;
  const ruleErrors = errors.rule;
  const specs = surfaceFields[surface].filter(
    (spec) =>
      spec.onlyFor === undefined || spec.onlyFor === action || values[spec.field] !== undefined,
  );
  return (
    <li
      className="rounded-md border border-neutral-200 bg-neutral-50/60 p-4"
      aria-label={`${surface} rule ${id}`}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-semibold text-neutral-900">
          <span className="font-mono">{id}</span>
          <span className="ml-2 text-xs font-normal text-neutral-500">line {row.line}</span>
        </p>
        {readOnly ? null : (
          <div className="flex gap-1">
            <Button
              variant="ghost"
              aria-label={`Move ${id} up`}
              disabled={index === 0}
              onClick={() => onEdit({ kind: 'move-rule', surface, index, direction: 'up' })}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              aria-label={`Move ${id} down`}
              disabled={isLast}
              onClick={() => onEdit({ kind: 'move-rule', surface, index, direction: 'down' })}
            >
              ↓
            </Button>
            <Button
              variant="danger"
              aria-label={`Remove ${id}`}
              onClick={() => onEdit({ kind: 'remove-rule', surface, index })}
            >
              Remove
            </Button>
          </div>
        )}
      </div>
      {ruleErrors.length > 0 ? (
        <p role="alert" className="mb-3 text-xs font-medium text-red-700">
          {ruleErrors.join(' ')}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {specs.map((spec) => (
          <div
            key={spec.field}
            className={wideFields.has(spec.field) ? 'sm:col-span-2' : undefined}
          >
            <RuleFieldInput
              id={`${surface}-${index}-${spec.field}`}
              surface={surface}
              action={action}
              spec={spec}
              value={values[spec.field]}
              errors={errors.fields[spec.field] ?? noErrors}
              readOnly={readOnly}
              onChange={(value) =>
                onEdit({ kind: 'set-field', surface, index, field: spec.field, value })
              }
            />
          </div>
        ))}
      </div>
    </li>
  );
}, sameRow);
