import { FilterForm } from '@/components/forms/filter-form';
import { SelectField, TextField } from '@/components/ui/field';

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
    <FilterForm
      action="/people"
      filtered={filtered}
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
      <SelectField
        id="people-group"
        name="group"
        label="Group"
        defaultValue={values.group ?? ''}
        options={[
          { value: '', label: 'Any group' },
          ...groups.map((name) => ({ value: name, label: name })),
        ]}
      />
      <SelectField
        id="people-active"
        name="active"
        label="Status"
        defaultValue={values.active ?? ''}
        options={[
          { value: '', label: 'Any' },
          { value: 'true', label: 'Active' },
          { value: 'false', label: 'Inactive' },
        ]}
      />
    </FilterForm>
  );
}
