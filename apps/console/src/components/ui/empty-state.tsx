import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-neutral-300 px-6 py-10 text-center">
      <p className="text-sm font-medium text-neutral-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-neutral-500">{children}</div> : null}
    </div>
  );
}
