import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { classNames } from './class-names';
import { controlClasses } from './control-classes';
import { Select, type SelectOption } from './select';

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
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & Omit<FieldFrameProps, 'children'>) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={classNames(controlClasses({ invalid }), className)}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  errors,
  className,
  ...textarea
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & Omit<FieldFrameProps, 'children'>) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <textarea
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        className={classNames(controlClasses({ invalid, multiline: true }), className)}
        {...textarea}
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
  Omit<FieldFrameProps, 'children'> & { options: SelectOption[] }) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <Select
        id={id}
        options={options}
        invalid={invalid}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...select}
      />
    </FieldFrame>
  );
}
