'use client';

import { useState } from 'react';
import { SelectField, TextField } from '../ui/field';
import { ChipListInput } from './chip-list-input';
import { validateRuleValue } from './chips/validate-rule-value';
import type { PolicySurface, RuleFieldSpec, RuleFieldValue } from './document/rule-fields';

const placeholders: Partial<Record<RuleFieldSpec['field'], string>> = {
  hosts: 'api.example.com, *.example.com, **.example.com',
  cidrs: '10.0.0.0/8',
  ports: '443 or 8000-8999',
  except: 'a host or a CIDR',
  paths: ':workspace/**, ~/.ssh/**, /etc/**',
  destinations: 'api.example.com',
  'server.command': 'npx, then each argument',
  'tools.allow': 'get_*',
  'tools.ask': 'create_*',
  'tools.deny': 'delete_*',
  ttl: '30m or 8h',
  'server.url': 'https://mcp.example.com/sse',
};

/** A text field that writes to the document when it loses focus or on Enter, not on every key. */
function CommittedTextField({
  id,
  label,
  value,
  validate,
  errors,
  readOnly,
  placeholder,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  validate: (text: string) => string | undefined;
  errors: readonly string[];
  readOnly: boolean;
  placeholder: string | undefined;
  onCommit: (text: string) => void;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // The document changed underneath (another view, undo): show its value.
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const liveError = text === value ? undefined : validate(text);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      readOnly={readOnly}
      placeholder={placeholder}
      errors={[...(liveError === undefined ? [] : [liveError]), ...errors]}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        }
      }}
    />
  );
}

/** One field of a rule in the control its kind calls for, checked by the engine's own schema. */
export function RuleFieldInput({
  id,
  surface,
  action,
  spec,
  value,
  errors,
  readOnly,
  onChange,
}: {
  id: string;
  surface: PolicySurface;
  action: string;
  spec: RuleFieldSpec;
  value: RuleFieldValue | undefined;
  errors: readonly string[];
  readOnly: boolean;
  /** `undefined` removes the field from the rule. */
  onChange: (value: RuleFieldValue | undefined) => void;
}) {
  const validate = (text: string) =>
    text === '' && !spec.required
      ? undefined
      : validateRuleValue(surface, action, spec.field, text);
  if (spec.kind === 'chips') {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
    return (
      <ChipListInput
        label={spec.label}
        values={values}
        validate={validate}
        errors={errors}
        readOnly={readOnly}
        placeholder={placeholders[spec.field]}
        onChange={(next) => onChange(next.length === 0 && !spec.required ? undefined : next)}
      />
    );
  }
  const text = typeof value === 'string' ? value : (value?.join(', ') ?? '');
  if (spec.kind === 'choice') {
    const choices = spec.choices ?? [];
    const options = (choices.includes(text) ? choices : [text, ...choices]).map((choice) => ({
      value: choice,
      label: choice === '' ? 'document default' : choice,
    }));
    return (
      <SelectField
        id={id}
        label={spec.label}
        value={text}
        options={options}
        disabled={readOnly}
        errors={errors.length > 0 ? [...errors] : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
    );
  }
  return (
    <CommittedTextField
      id={id}
      label={spec.label}
      value={text}
      validate={validate}
      errors={errors}
      readOnly={readOnly}
      placeholder={placeholders[spec.field]}
      onCommit={(next) => onChange(next === '' && !spec.required ? undefined : next)}
    />
  );
}
