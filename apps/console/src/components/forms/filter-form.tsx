import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';

/**
 * A list's search and filters as a plain GET form: the address holds them, so a filtered list
 * is a link and works without JavaScript. `Clear` appears once anything is filtered.
 */
export function FilterForm({
  action,
  filtered,
  className,
  children,
}: {
  /** The list's own path: submitting reloads it with the fields as its query. */
  action: string;
  filtered: boolean;
  /** The grid that lays out the fields, then Filter and Clear. */
  className: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className={className}>
      {children}
      <button type="submit" className={buttonClasses('secondary')}>
        Filter
      </button>
      {filtered ? (
        <Link href={action} className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : (
        <span />
      )}
    </form>
  );
}

/** A search parameter as a page receives it, reduced to one value (the first, if repeated). */
export function singleParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The next page of a filtered list: the same filters, plus the cursor the list handed back
 * under its own parameter name (`cursor`, `after`).
 */
export function NextPageLink({
  action,
  filters,
  cursorParam,
  cursor,
}: {
  action: string;
  filters: Record<string, string | undefined>;
  cursorParam: string;
  cursor: string;
}) {
  const kept = Object.entries(filters).filter((entry): entry is [string, string] =>
    Boolean(entry[1]),
  );
  const query = new URLSearchParams([...kept, [cursorParam, cursor]]).toString();
  return (
    <div className="mt-4 flex justify-end">
      <Link href={`${action}?${query}`} className={buttonClasses('secondary')}>
        Next page
      </Link>
    </div>
  );
}
