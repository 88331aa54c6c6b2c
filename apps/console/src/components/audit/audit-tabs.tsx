'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { classNames } from '@/components/ui/class-names';

const tabs = [
  { href: '/audit', label: 'Dashboard' },
  { href: '/audit/events', label: 'Events' },
  { href: '/audit/chains', label: 'Device chains' },
  { href: '/audit/destinations', label: 'Destinations' },
] as const;

/** The Audit section: the compliance dashboard, the events, the devices' chains, the SIEMs. */
export function AuditTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Audit sections" className="mb-6 border-b border-neutral-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => {
          const current =
            tab.href === '/audit' ? pathname === '/audit' : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? 'page' : undefined}
                className={classNames(
                  'block border-b-2 px-1 pb-2 text-sm font-medium whitespace-nowrap',
                  current
                    ? 'border-accent-600 text-accent-700'
                    : 'border-transparent text-neutral-500 hover:border-neutral-300 hover:text-neutral-800',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
