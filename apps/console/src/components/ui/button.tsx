'use client';

import type { ButtonHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';
import { type ButtonVariant, buttonClasses } from './button-classes';

export type { ButtonVariant };

export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}

/** A submit button that disables itself and says so while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || props.disabled}
      aria-disabled={pending || props.disabled}
      className={buttonClasses(variant, className)}
      {...props}
    >
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
