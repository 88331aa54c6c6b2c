import { getAccount } from '@parapet/accounts';
import { roleDescriptions } from '@parapet/accounts/schemas';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RoleBadge } from '@/components/ui/role-badge';
import { db } from '@/server/db';
import { requireMember } from '@/server/pages/current-member';
import { ChangePasswordForm } from './change-password-form';

export const metadata = { title: 'Account' };

export default async function AccountPage() {
  const { actor, organizationName } = await requireMember();
  const account = await getAccount({ db: db(), actor });
  return (
    <>
      <PageHeader title="Account" description="Your sign-in details for this console." />
      <Card title="Profile">
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-neutral-500">Email</dt>
            <dd className="mt-1 font-medium break-all text-neutral-900">{account.email}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">Name</dt>
            <dd className="mt-1 font-medium text-neutral-900">{account.name ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">Role in {organizationName}</dt>
            <dd className="mt-1">
              <RoleBadge role={account.role} />
              <p className="mt-1 text-xs text-neutral-500">{roleDescriptions[account.role]}</p>
            </dd>
          </div>
        </dl>
      </Card>
      {account.hasPassword ? (
        <Card
          title="Change password"
          description="Your other sessions are signed out when you change it."
          className="mt-6"
        >
          <ChangePasswordForm orgId={actor.orgId} email={account.email} />
        </Card>
      ) : null}
    </>
  );
}
