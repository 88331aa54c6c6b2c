'use client';

import { CopyButton } from '@/components/forms/copy-button';
import { classNames } from '@/components/ui/class-names';
import { controlHeight } from '@/components/ui/control-classes';

/** A value shown once to copy elsewhere (a token, a base URL), read-only, with its copy button. */
export function SecretLine({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block text-xs font-medium text-emerald-900">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          className={classNames(
            controlHeight,
            'min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 font-mono text-xs text-neutral-800',
          )}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
