import type { ReactNode } from 'react';
import { classNames } from './class-names';

/** A short error beside a compact control (a row's button), announced as an alert. */
export function InlineError({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="alert" className={classNames('text-xs text-red-700', className)}>
      {children}
    </p>
  );
}
