import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/shell/auth-card';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { readSignedInUser } from '@/server/auth/read-signed-in-user';
import { getCurrentMember } from '@/server/pages/current-member';

export const metadata = { title: 'No console access' };
export const dynamic = 'force-dynamic';

/**
 * Where an SSO sign-in lands when the role mapping gives the person no console role: they are
 * signed in (device login uses that session), but the console is not theirs to see.
 */
export default async function NoAccessPage() {
  if (await getCurrentMember()) redirect('/');
  if (!(await readSignedInUser())) redirect('/sign-in');
  return (
    <AuthCard title="You have no access to this organization’s console">
      <p className="text-sm text-neutral-600">
        You signed in through your organization’s identity provider, but it does not give you a
        console role. If you need one, ask an owner to add you to the right group in your identity
        provider. To enroll your laptop, run <code>parapet-agent login</code> and follow the link it
        prints.
      </p>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
