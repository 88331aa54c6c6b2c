import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/shell/console-shell';
import { requireMember } from '@/server/pages/current-member';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  return (
    <ConsoleShell
      organizationName={member.organizationName}
      email={member.actor.email}
      role={member.actor.role}
    >
      {children}
    </ConsoleShell>
  );
}
