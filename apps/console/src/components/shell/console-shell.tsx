import type { Role } from '@parapet/db';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { RoleBadge } from '../ui/role-badge';
import { Logo } from './logo';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

/** The signed-in layout: navigation beside the page on wide screens, above it on narrow ones. */
export function ConsoleShell({
  organizationName,
  email,
  role,
  children,
}: {
  organizationName: string;
  email: string;
  role: Role;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh md:flex">
      <aside className="border-b border-neutral-200 bg-white md:flex md:w-64 md:flex-col md:border-r md:border-b-0">
        <div className="flex items-center gap-2.5 px-5 py-4">
          <Logo />
          <div className="min-w-0">
            <Link href="/" className="block text-sm font-semibold tracking-tight">
              Parapet
            </Link>
            <p className="truncate text-xs text-neutral-500" title={organizationName}>
              {organizationName}
            </p>
          </div>
        </div>
        <nav aria-label="Main" className="px-3 pb-3 md:flex-1">
          <NavLinks />
        </nav>
        <div className="hidden border-t border-neutral-200 px-5 py-4 md:block">
          <p className="truncate text-sm font-medium text-neutral-800" title={email}>
            {email}
          </p>
          <div className="mt-1.5 mb-3">
            <RoleBadge role={role} />
          </div>
          <SignOutButton className="w-full" />
        </div>
      </aside>
      <main className="flex-1 px-4 py-8 sm:px-8 lg:px-12">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
