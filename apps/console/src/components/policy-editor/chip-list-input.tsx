'use client';

import { type KeyboardEvent, useId, useState } from 'react';
import { classNames } from '../ui/class-names';
import { controlClasses } from '../ui/control-classes';

/** Keys that stay with a value when others are removed, and tell repeated values apart. */
function occurrenceKeys(values: readonly string[]): { value: string; key: string }[] {
  const seen = new Map<string, number>();
  return values.map((value) => {
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    return { value, key: `${value}#${count}` };
  });
}

/**
 * A list of values shown as chips, with an input that checks a new value as it is typed. A value
 * the engine refuses is not added: its message stays beside the field until it is fixed.
 */
export function ChipListInput({
  label,
  values,
  validate,
  errors = [],
  readOnly = false,
  placeholder,
  onChange,
}: {
  label: string;
  values: readonly string[];
  /** The engine's message for a refused value; undefined when it is accepted. */
  validate: (text: string) => string | undefined;
  /** Problems the document check found in this field. */
  errors?: readonly string[];
  readOnly?: boolean;
  placeholder?: string;
  onChange: (values: string[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const trimmed = draft.trim();
  const draftError = trimmed === '' ? undefined : validate(trimmed);
  const messages = [...(draftError === undefined ? [] : [`${trimmed}: ${draftError}`]), ...errors];

  function add() {
    if (trimmed === '' || draftError !== undefined) return;
    if (!values.includes(trimmed)) onChange([...values, trimmed]);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-neutral-800">
        {label}
      </label>
      <div
        className={classNames(
          controlClasses({ invalid: messages.length > 0, multiline: true }),
          'flex min-h-9 flex-wrap items-center gap-1.5 py-1.5',
        )}
      >
        {occurrenceKeys(values).map(({ value, key }, index) => {
          const invalid = validate(value) !== undefined;
          return (
            <span
              key={key}
              className={classNames(
                'inline-flex max-w-full items-center gap-1 rounded-md px-2 py-0.5 font-mono text-xs ring-1 ring-inset',
                invalid
                  ? 'bg-red-50 text-red-800 ring-red-300'
                  : 'bg-neutral-100 text-neutral-800 ring-neutral-200',
              )}
            >
              <span className="truncate">{value}</span>
              {readOnly ? null : (
                <button
                  type="button"
                  aria-label={`Remove ${value} from ${label}`}
                  className="rounded text-neutral-500 hover:text-neutral-900"
                  onClick={() => onChange(values.filter((_, other) => other !== index))}
                >
                  ×
                </button>
              )}
            </span>
          );
        })}
        {readOnly ? null : (
          <input
            id={id}
            value={draft}
            placeholder={values.length === 0 ? placeholder : undefined}
            aria-invalid={messages.length > 0 || undefined}
            aria-describedby={messages.length > 0 ? `${id}-error` : undefined}
            className="min-w-32 flex-1 bg-transparent font-mono text-xs outline-none placeholder:font-sans placeholder:text-neutral-400"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={add}
          />
        )}
      </div>
      {messages.length > 0 ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
