import type { Role } from '@parapet/db';
import { RoleBadge } from '../ui/role-badge';
import { SignOutButton } from './sign-out-button';

/**
 * Who is signed in, and Sign out: at the foot of the sidebar on wide screens. On narrow ones
 * only the button shows, at the end of the top bar; the Account page has the rest.
 */
export function SidebarAccount({ email, role }: { email: string; role: Role }) {
  return (
    <div className="pr-4 md:border-t md:border-neutral-200 md:px-5 md:py-4">
      <div className="hidden md:mb-3 md:block">
        <p className="truncate text-sm font-medium text-neutral-800" title={email}>
          {email}
        </p>
        <div className="mt-1.5">
          <RoleBadge role={role} />
        </div>
      </div>
      <SignOutButton className="md:w-full" />
    </div>
  );
}
