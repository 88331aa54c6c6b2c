'use client';

import { useState } from 'react';

/**
 * The policy groups as checkboxes. What is checked travels in one hidden `groups` field (names
 * separated by commas): a form post keeps one value per name.
 */
export function GroupCheckboxes({
  idPrefix,
  groups,
  defaultChecked = [],
  errors,
}: {
  idPrefix: string;
  groups: string[];
  defaultChecked?: string[];
  errors?: string[] | undefined;
}) {
  const [checked, setChecked] = useState(() => new Set(defaultChecked));
  function toggle(name: string) {
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  }
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-sm font-medium text-neutral-800">Policy groups</legend>
      <input type="hidden" name="groups" value={[...checked].join(',')} />
      {groups.length === 0 ? (
        <p className="text-xs text-neutral-500">
          This organization has no policy groups yet: create them on the Policy page.
        </p>
      ) : (
        <div className="flex flex-wrap gap-x-4 gap-y-1.5">
          {groups.map((name) => (
            <label
              key={name}
              htmlFor={`${idPrefix}-group-${name}`}
              className="flex items-center gap-1.5 text-sm text-neutral-700"
            >
              <input
                id={`${idPrefix}-group-${name}`}
                type="checkbox"
                checked={checked.has(name)}
                onChange={() => toggle(name)}
                className="size-4 rounded border-neutral-300 accent-accent-600"
              />
              <span className="font-mono text-xs">{name}</span>
            </label>
          ))}
        </div>
      )}
      {errors?.length ? (
        <p className="text-xs font-medium text-red-700">{errors.join(' ')}</p>
      ) : null}
    </fieldset>
  );
}
