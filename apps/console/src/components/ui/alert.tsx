import type { ReactNode } from 'react';
import { classNames } from './class-names';

const tones = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  info: 'border-accent-200 bg-accent-50 text-accent-900',
} as const;

/** A message box; errors are announced to screen readers as alerts, the rest politely. */
export function Alert({
  tone,
  children,
  className,
}: {
  tone: keyof typeof tones;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={classNames('rounded-md border px-3.5 py-2.5 text-sm', tones[tone], className)}
    >
      {children}
    </div>
  );
}
