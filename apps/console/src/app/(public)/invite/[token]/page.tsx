import { getInviteByToken } from '@parapet/accounts';
import { inviteStatusMessage } from '@parapet/accounts/schemas';
import Link from 'next/link';
import { AuthCard } from '@/components/shell/auth-card';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-classes';
import { RoleBadge } from '@/components/ui/role-badge';
import { db } from '@/server/db';
import { AcceptInviteForm } from './accept-invite-form';
import { AcceptWithPasswordForm } from './accept-with-password-form';

export const metadata = { title: 'Accept invite' };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await getInviteByToken({ db: db(), token });
  if (invite?.status !== 'pending') {
    return (
      <AuthCard title="This invite cannot be used">
        <Alert tone="error">
          {invite ? inviteStatusMessage(invite.status) : 'This invite link is not valid.'}
        </Alert>
        <Link href="/sign-in" className={buttonClasses('secondary', 'mt-6 w-full')}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${invite.organizationName}`}
      description={
        <>
          You are invited as <RoleBadge role={invite.role} /> with{' '}
          <span className="font-medium text-neutral-800">{invite.email}</span>. Choose your name and
          a password to create your account.
        </>
      }
    >
      {/* The page is the same whether or not the email has an account (see acceptInvite): it
          offers both ways, and only a password that opens the account tells them apart. */}
      <AcceptInviteForm token={token} email={invite.email} />
      <section
        aria-labelledby="existing-account-heading"
        className="mt-8 border-t border-neutral-200 pt-6"
      >
        <h2 id="existing-account-heading" className="text-sm font-semibold text-neutral-900">
          Already use Parapet with this email?
        </h2>
        <p className="mt-1 mb-4 text-sm text-neutral-500">
          Sign in with that account’s password to join with it.
        </p>
        <AcceptWithPasswordForm token={token} email={invite.email} />
      </section>
    </AuthCard>
  );
}
