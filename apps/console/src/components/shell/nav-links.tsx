'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { classNames } from '../ui/class-names';

// Only pages that exist are listed; later issues add their own entries here.
const links = [
  { href: '/', label: 'Overview' },
  { href: '/policy', label: 'Policy' },
  { href: '/people', label: 'People' },
  { href: '/directories', label: 'Directories' },
  { href: '/devices', label: 'Devices' },
  { href: '/audit', label: 'Audit' },
  { href: '/simulator', label: 'Simulator' },
  { href: '/members', label: 'Members' },
  { href: '/activity', label: 'Activity' },
  { href: '/sso', label: 'SSO' },
  { href: '/api-keys', label: 'API keys' },
  { href: '/account', label: 'Account' },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col">
      {links.map((link) => {
        const current = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? 'page' : undefined}
              className={classNames(
                'block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors',
                current
                  ? 'bg-accent-50 text-accent-700'
                  : 'text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900',
              )}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
