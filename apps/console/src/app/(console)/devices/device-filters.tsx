import { deviceStates } from '@parapet/distribution/schemas';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { TextField } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

export type DeviceFilterValues = { q?: string; state?: string; group?: string; person?: string };

/** Search and filters as a plain GET form: the address holds them, so a filtered list is a link. */
export function DeviceFilters({
  groups,
  values,
}: {
  groups: string[];
  values: DeviceFilterValues;
}) {
  const filtered = Boolean(values.q || values.state || values.group || values.person);
  return (
    <form
      method="get"
      action="/devices"
      className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_10rem_12rem_14rem_auto_auto] lg:items-end"
    >
      <TextField
        id="devices-search"
        name="q"
        type="search"
        label="Search"
        placeholder="Hostname or email"
        defaultValue={values.q ?? ''}
      />
      <div className="space-y-1.5">
        <label htmlFor="devices-state" className="block text-sm font-medium text-neutral-800">
          State
        </label>
        <Select
          id="devices-state"
          name="state"
          defaultValue={values.state ?? ''}
          options={[
            { value: '', label: 'Any state' },
            ...deviceStates.map((state) => ({ value: state, label: state })),
          ]}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="devices-group" className="block text-sm font-medium text-neutral-800">
          Group
        </label>
        <Select
          id="devices-group"
          name="group"
          defaultValue={values.group ?? ''}
          options={[
            { value: '', label: 'Any group' },
            ...groups.map((name) => ({ value: name, label: name })),
          ]}
        />
      </div>
      <TextField
        id="devices-person"
        name="person"
        type="search"
        label="Person"
        placeholder="ada@example.com"
        defaultValue={values.person ?? ''}
      />
      <button type="submit" className={buttonClasses('secondary')}>
        Filter
      </button>
      {filtered ? (
        <Link href="/devices" className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : (
        <span />
      )}
    </form>
  );
}
