import type { Role } from '@parapet/db';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Logo } from './logo';
import { NavLinks } from './nav-links';
import { OrgSwitcher, type SwitcherOrganization } from './org-switcher';
import { SidebarAccount } from './sidebar-account';

/**
 * The signed-in layout. On wide screens the sidebar stays in view (sticky, one screen tall,
 * scrolling on its own if it must) with the signed-in account at its foot; on narrow ones it is
 * a bar above the page: name and Sign out on the first row, the navigation below. Sign out
 * lives here only, so each page shows exactly one.
 */
export function ConsoleShell({
  currentOrgId,
  organizations,
  canCreateOrganizations,
  email,
  role,
  children,
}: {
  currentOrgId: string;
  /** The person's organizations, for the switcher under the product name. */
  organizations: SwitcherOrganization[];
  canCreateOrganizations: boolean;
  email: string;
  role: Role;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh md:flex">
      {/* The aside runs the page's full height (its background and border with it); what is
          inside sticks to the top of the screen, one screen tall. */}
      <aside
        aria-label="Navigation and account"
        className="border-b border-neutral-200 bg-white md:w-64 md:shrink-0 md:border-r md:border-b-0"
      >
        <div className="flex flex-wrap items-center md:sticky md:top-0 md:h-dvh md:flex-col md:flex-nowrap md:items-stretch md:overflow-y-auto">
          <div className="flex min-w-0 flex-1 items-center gap-2.5 px-5 py-4 md:flex-none">
            <Logo />
            <div className="min-w-0">
              <Link href="/" className="block text-sm font-semibold tracking-tight">
                Parapet
              </Link>
              <OrgSwitcher
                currentOrgId={currentOrgId}
                organizations={organizations}
                canCreate={canCreateOrganizations}
              />
            </div>
          </div>
          <nav aria-label="Main" className="order-last w-full px-3 pb-3 md:order-none md:flex-1">
            <NavLinks />
          </nav>
          <SidebarAccount email={email} role={role} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-8 sm:px-8 lg:px-12">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
