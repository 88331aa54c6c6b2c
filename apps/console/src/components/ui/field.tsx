import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { classNames } from './class-names';

const controlClasses = (invalid: boolean) =>
  classNames(
    'block w-full rounded-md border bg-white px-3 py-2 text-sm text-neutral-900 shadow-xs',
    'placeholder:text-neutral-400 focus:outline-2 focus:-outline-offset-1 focus:outline-accent-600',
    invalid ? 'border-red-400' : 'border-neutral-300',
  );

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[] | undefined;
  children: ReactNode;
};

function FieldFrame({ id, label, hint, errors, children }: FieldFrameProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-neutral-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, errors: string[] | undefined, hint: ReactNode) {
  if (errors?.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function TextField({
  id,
  label,
  hint,
  errors,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & Omit<FieldFrameProps, 'children'>) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={controlClasses(invalid)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  id,
  label,
  hint,
  errors,
  options,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> &
  Omit<FieldFrameProps, 'children'> & { options: { value: string; label: string }[] }) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={controlClasses(invalid)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
