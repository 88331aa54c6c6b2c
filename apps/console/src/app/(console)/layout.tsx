import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/shell/console-shell';
import { organizationCreation } from '@/server/organizations/organization-creation';
import { requireMember } from '@/server/pages/current-member';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  return (
    <ConsoleShell
      currentOrgId={member.actor.orgId}
      organizations={member.memberships}
      canCreateOrganizations={organizationCreation() === 'self-service'}
      email={member.actor.email}
      role={member.actor.role}
    >
      {children}
    </ConsoleShell>
  );
}
