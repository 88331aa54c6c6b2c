'use client';

import { CopyButton } from '@/components/forms/copy-button';

/** A value shown in full with a button that copies it. */
export function CopyValue({ id, value }: { id: string; value: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code id={id} className="min-w-0 break-all font-mono text-xs">
        {value}
      </code>
      <CopyButton value={value} label="Copy" />
    </div>
  );
}
