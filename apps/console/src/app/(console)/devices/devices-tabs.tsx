'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { classNames } from '@/components/ui/class-names';

const tabs = [
  { href: '/devices', label: 'Devices' },
  { href: '/devices/enrollment-tokens', label: 'Enrollment tokens' },
  { href: '/devices/signing-keys', label: 'Signing keys' },
] as const;

/** The three views of distribution: the fleet, how devices join it, and what signs its policy. */
export function DevicesTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Devices sections" className="mb-6 border-b border-neutral-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => {
          // A device's own page (/devices/<id>) belongs to the Devices tab.
          const current =
            tab.href === '/devices' ? !isOtherTab(pathname) : pathname.startsWith(tab.href);
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

function isOtherTab(pathname: string): boolean {
  return tabs.some((tab) => tab.href !== '/devices' && pathname.startsWith(tab.href));
}
