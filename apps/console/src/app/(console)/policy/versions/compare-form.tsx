import { buttonClasses } from '@/components/ui/button-classes';
import { Select } from '@/components/ui/select';

type Side = number | 'draft';

const label = (side: Side) => (side === 'draft' ? 'Drafts' : `Version ${side}`);

/** Picks the two sides of the diff; a plain GET form, so every comparison has an address. */
export function CompareForm({ from, to, options }: { from: Side; to: Side; options: Side[] }) {
  const choices = options.map((side) => ({ value: String(side), label: label(side) }));
  return (
    <form method="get" action="/policy/versions" className="flex flex-wrap items-end gap-2">
      <div className="text-xs text-neutral-600">
        <label htmlFor="compare-from">From</label>
        <Select
          id="compare-from"
          name="from"
          defaultValue={String(from)}
          options={choices}
          className="mt-1 w-36"
        />
      </div>
      <div className="text-xs text-neutral-600">
        <label htmlFor="compare-to">To</label>
        <Select
          id="compare-to"
          name="to"
          defaultValue={String(to)}
          options={choices}
          className="mt-1 w-36"
        />
      </div>
      <button type="submit" className={buttonClasses('secondary')}>
        Compare
      </button>
    </form>
  );
}
