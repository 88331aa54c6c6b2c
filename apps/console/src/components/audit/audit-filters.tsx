import Link from 'next/link';
import { FilterForm } from '@/components/forms/filter-form';
import { SelectField, TextField } from '@/components/ui/field';
import { type AuditFilterValues, auditQuery } from './read-audit-filters';

const option = (value: string, label = value) => ({ value, label });

/**
 * The filters every audit view shares, as a GET form: the address holds them, so a filtered
 * view is a link. A person or device chosen from a breakdown rides along as a chip.
 */
export function AuditFilters({
  action,
  values,
  groups,
  labels,
  errors,
}: {
  action: string;
  values: AuditFilterValues;
  groups: string[];
  /** Names for the chosen person and device, when known. */
  labels: { person?: string | undefined; device?: string | undefined };
  errors?: Record<string, string[] | undefined> | undefined;
}) {
  const filtered = Object.keys(values).length > 0;
  return (
    <div className="mb-6">
      <FilterForm
        action={action}
        filtered={filtered}
        className="grid gap-3 sm:grid-cols-3 lg:grid-cols-[9rem_11rem_11rem_9rem_9rem_8rem_10rem_10rem_auto_auto] lg:items-end"
      >
        <SelectField
          id="audit-range"
          name="range"
          label="Time range"
          defaultValue={values.range ?? '7d'}
          options={[
            option('24h', 'Last 24 hours'),
            option('7d', 'Last 7 days'),
            option('30d', 'Last 30 days'),
            option('90d', 'Last 90 days'),
            option('custom', 'Custom (UTC)'),
          ]}
          errors={errors?.range}
        />
        <TextField
          id="audit-from"
          name="from"
          type="datetime-local"
          label="From (UTC)"
          defaultValue={values.from?.slice(0, 16) ?? ''}
          errors={errors?.from}
        />
        <TextField
          id="audit-to"
          name="to"
          type="datetime-local"
          label="To (UTC)"
          defaultValue={values.to?.slice(0, 16) ?? ''}
          errors={errors?.to}
        />
        <SelectField
          id="audit-surface"
          name="surface"
          label="Surface"
          defaultValue={values.surface ?? ''}
          options={[
            option('', 'Any surface'),
            ...['network', 'filesystem', 'credential', 'mcp'].map((v) => option(v)),
          ]}
        />
        <SelectField
          id="audit-decision"
          name="decision"
          label="Decision"
          defaultValue={values.decision ?? ''}
          options={[option('', 'Any decision'), ...['allow', 'deny', 'ask'].map((v) => option(v))]}
        />
        <SelectField
          id="audit-mode"
          name="mode"
          label="Mode"
          defaultValue={values.mode ?? ''}
          options={[option('', 'Any mode'), option('enforce'), option('audit')]}
        />
        <SelectField
          id="audit-group"
          name="group"
          label="Group"
          defaultValue={values.group ?? ''}
          options={[option('', 'Any group'), ...groups.map((name) => option(name))]}
        />
        <TextField
          id="audit-rule"
          name="rule"
          label="Rule id"
          placeholder="github"
          defaultValue={values.rule ?? ''}
          errors={errors?.rule}
        />
        {values.person ? <input type="hidden" name="person" value={values.person} /> : null}
        {values.device ? <input type="hidden" name="device" value={values.device} /> : null}
      </FilterForm>
      {values.person || values.device ? (
        <p className="mt-3 flex flex-wrap gap-2 text-sm">
          {(['person', 'device'] as const).map((name) =>
            values[name] ? (
              <Link
                key={name}
                href={`${action}${auditQuery(values, { [name]: undefined })}`}
                className="rounded-full bg-accent-50 px-3 py-1 text-accent-700 hover:bg-accent-100"
                aria-label={`Remove the ${name} filter`}
              >
                {name === 'person' ? 'Person' : 'Device'}: {labels[name] ?? values[name]} ✕
              </Link>
            ) : null,
          )}
        </p>
      ) : null}
    </div>
  );
}
