import { deviceStates } from '@parapet/distribution/schemas';
import { FilterForm } from '@/components/forms/filter-form';
import { SelectField, TextField } from '@/components/ui/field';

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
    <FilterForm
      action="/devices"
      filtered={filtered}
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
      <SelectField
        id="devices-state"
        name="state"
        label="State"
        defaultValue={values.state ?? ''}
        options={[
          { value: '', label: 'Any state' },
          ...deviceStates.map((state) => ({ value: state, label: state })),
        ]}
      />
      <SelectField
        id="devices-group"
        name="group"
        label="Group"
        defaultValue={values.group ?? ''}
        options={[
          { value: '', label: 'Any group' },
          ...groups.map((name) => ({ value: name, label: name })),
        ]}
      />
      <TextField
        id="devices-person"
        name="person"
        type="search"
        label="Person"
        placeholder="ada@example.com"
        defaultValue={values.person ?? ''}
      />
    </FilterForm>
  );
}
