import { safeCallbackUrl } from '@parapet/identity';
import Link from 'next/link';
import { AuthCard } from '@/components/shell/auth-card';
import { ssoErrorMessage } from '@/server/auth/sso-errors';
import { SsoEmailForm } from './sso-email-form';

export const metadata = { title: 'Sign in with SSO' };
export const dynamic = 'force-dynamic';

/**
 * "Sign in with SSO": the person types their work email, the console finds their organization
 * by its domain and sends them to its identity provider, then back to `callbackUrl` (a
 * same-origin path; anything else means the console's home). Pages for people, such as device
 * login, send people here with their own address as `callbackUrl`.
 */
export default async function SsoSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, error } = await searchParams;
  const back = safeCallbackUrl(callbackUrl);
  return (
    <AuthCard
      title="Sign in with SSO"
      description="Use your organization’s identity provider (Okta, Entra ID, Google…)."
    >
      <SsoEmailForm callbackUrl={back} error={ssoErrorMessage(error)} />
      <p className="mt-6 text-center text-sm text-neutral-500">
        <Link href="/sign-in" className="font-medium text-neutral-700 hover:underline">
          Sign in with a password instead
        </Link>
      </p>
    </AuthCard>
  );
}
