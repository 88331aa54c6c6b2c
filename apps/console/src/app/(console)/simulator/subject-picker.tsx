import { buttonClasses } from '@/components/ui/button-classes';
import { TextField } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

/**
 * Whose policy, read from where: a plain GET form, so the address holds the choice and the page
 * renders the matching effective policy.
 */
export function SubjectPicker({
  against,
  person,
  groups,
  allGroups,
  peopleEmails,
  versions,
}: {
  against: string;
  person: string;
  groups: string[];
  allGroups: string[];
  peopleEmails: string[];
  versions: number[];
}) {
  const chosen = new Set(groups);
  return (
    <form method="get" action="/simulator" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <TextField
          id="simulator-person"
          name="person"
          type="email"
          label="Person (email)"
          hint="Their active groups apply. Leave empty to choose groups instead."
          list="simulator-people"
          defaultValue={person}
          autoComplete="off"
          placeholder="dana@example.com"
        />
        <datalist id="simulator-people">
          {peopleEmails.map((email) => (
            <option key={email} value={email} />
          ))}
        </datalist>
        <div className="space-y-1.5">
          <label htmlFor="simulator-against" className="block text-sm font-medium text-neutral-800">
            Against
          </label>
          <Select
            id="simulator-against"
            name="against"
            defaultValue={against}
            options={[
              { value: 'draft', label: 'Drafts (unpublished)' },
              ...(versions.length > 0
                ? [{ value: 'published', label: `Published (version ${versions[0]})` }]
                : []),
              ...versions.map((version) => ({
                value: String(version),
                label: `Version ${version}`,
              })),
            ]}
          />
        </div>
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-neutral-800">Or a set of groups</legend>
        {allGroups.length === 0 ? (
          <p className="text-xs text-neutral-500">
            No policy groups yet: guardrails and the baseline apply to everyone.
          </p>
        ) : (
          <div className="flex flex-wrap gap-x-4 gap-y-1.5">
            {allGroups.map((name) => (
              <label key={name} className="flex items-center gap-1.5 text-sm text-neutral-700">
                <input
                  type="checkbox"
                  name="group"
                  value={name}
                  defaultChecked={chosen.has(name)}
                  className="size-4 rounded border-neutral-300 accent-accent-600"
                />
                <span className="font-mono text-xs">{name}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <button type="submit" className={buttonClasses('primary')}>
        Show effective policy
      </button>
    </form>
  );
}
