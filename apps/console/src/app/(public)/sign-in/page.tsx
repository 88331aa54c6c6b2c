import { isSetupComplete } from '@parapet/accounts';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/shell/auth-card';
import { ssoProviderSummaries } from '@/server/auth/sso-providers';
import { db } from '@/server/db';
import { getCurrentMember } from '@/server/pages/get-current-member';
import { SignInForm } from './sign-in-form';
import { SsoOptions } from './sso-options';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const notices: Record<string, string> = {
  setup: 'Your organization is ready. Sign in with the owner account you just created.',
  invite: 'Your account is ready. Sign in with your email and new password.',
  'signed-out': 'You are signed out.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await isSetupComplete({ db: db() }))) redirect('/setup');
  if (await getCurrentMember()) redirect('/');
  const { notice } = await searchParams;
  const message = typeof notice === 'string' ? notices[notice] : undefined;
  return (
    <AuthCard title="Sign in to Parapet">
      <SignInForm notice={message}>
        <SsoOptions providers={ssoProviderSummaries()} />
      </SignInForm>
    </AuthCard>
  );
}
