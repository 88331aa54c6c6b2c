'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { classNames } from './class-names';

export type SectionTab = { href: string; label: string };

/**
 * The tabs across the top of a console section. The current tab is the one whose address is the
 * longest prefix of the page's, so a section's first tab also covers pages below it that no other
 * tab claims (a device's own page belongs to Devices, an event's to Events).
 */
export function SectionTabs({ label, tabs }: { label: string; tabs: readonly SectionTab[] }) {
  const pathname = usePathname();
  const current = tabs
    .filter((tab) => pathname === tab.href || pathname.startsWith(`${tab.href}/`))
    .reduce<SectionTab | undefined>(
      (longest, tab) => (longest && longest.href.length >= tab.href.length ? longest : tab),
      undefined,
    );
  return (
    <nav aria-label={label} className="mb-6 border-b border-neutral-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab === current ? 'page' : undefined}
              className={classNames(
                'block border-b-2 px-1 pb-2 text-sm font-medium whitespace-nowrap',
                tab === current
                  ? 'border-accent-600 text-accent-700'
                  : 'border-transparent text-neutral-500 hover:border-neutral-300 hover:text-neutral-800',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
