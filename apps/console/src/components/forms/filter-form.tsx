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
