import { isSetupComplete } from '@parapet/accounts';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/shell/auth-card';
import { readSignedInUser } from '@/server/auth/read-signed-in-user';
import { db } from '@/server/db';
import { organizationCreation } from '@/server/organizations/organization-creation';
import { getCurrentMember } from '@/server/pages/current-member';
import { SignInForm } from './sign-in-form';
import { signInNotice } from './sign-in-notice';
import { SsoOptions } from './sso-options';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await isSetupComplete({ db: db() }))) redirect('/setup');
  if (await getCurrentMember()) redirect('/');
  // Signed in through SSO without a console role: say so instead of asking for a password.
  if (await readSignedInUser()) redirect('/sign-in/sso/no-access');
  const { notice } = await searchParams;
  const message = signInNotice(notice);
  return (
    <AuthCard title="Sign in to Parapet">
      <SignInForm notice={message}>
        <SsoOptions />
      </SignInForm>
      {organizationCreation() === 'self-service' ? (
        <p className="mt-6 text-center text-sm text-neutral-500">
          New here?{' '}
          <Link href="/organizations/new" className="font-medium text-accent-700 hover:underline">
            Create an organization
          </Link>
        </p>
      ) : null}
    </AuthCard>
  );
}
