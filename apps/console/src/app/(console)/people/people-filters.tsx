import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { TextField } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

export type PeopleFilterValues = { search?: string; group?: string; active?: string };

/** Search and filters as a plain GET form: the address holds them, so a filtered list is a link. */
export function PeopleFilters({
  groups,
  values,
}: {
  groups: string[];
  values: PeopleFilterValues;
}) {
  const filtered = Boolean(values.search || values.group || values.active);
  return (
    <form
      method="get"
      action="/people"
      className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem_10rem_auto_auto] sm:items-end"
    >
      <TextField
        id="people-search"
        name="search"
        type="search"
        label="Search"
        placeholder="Email or name"
        defaultValue={values.search ?? ''}
      />
      <div className="space-y-1.5">
        <label htmlFor="people-group" className="block text-sm font-medium text-neutral-800">
          Group
        </label>
        <Select
          id="people-group"
          name="group"
          defaultValue={values.group ?? ''}
          options={[
            { value: '', label: 'Any group' },
            ...groups.map((name) => ({ value: name, label: name })),
          ]}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="people-active" className="block text-sm font-medium text-neutral-800">
          Status
        </label>
        <Select
          id="people-active"
          name="active"
          defaultValue={values.active ?? ''}
          options={[
            { value: '', label: 'Any' },
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Inactive' },
          ]}
        />
      </div>
      <button type="submit" className={buttonClasses('secondary')}>
        Filter
      </button>
      {filtered ? (
        <Link href="/people" className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : (
        <span />
      )}
    </form>
  );
}
