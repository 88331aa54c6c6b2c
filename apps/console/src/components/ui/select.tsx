import type { SelectHTMLAttributes } from 'react';
import { classNames } from './class-names';
import { controlClasses } from './control-classes';

export type SelectOption = { value: string; label: string };

/**
 * A native select in the console's control style. The browser's own arrow is replaced by one
 * drawn here, so it sits at the same inset in every browser and the select matches the text
 * fields beside it.
 */
export function Select({
  options,
  invalid = false,
  className,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { options: SelectOption[]; invalid?: boolean }) {
  return (
    <div className={classNames('relative', className)}>
      <select
        className={classNames(controlClasses({ invalid }), 'appearance-none pr-9')}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <svg
        viewBox="0 0 16 16"
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-neutral-500"
      >
        <path
          d="M4.5 6.5 8 10l3.5-3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </div>
  );
}
