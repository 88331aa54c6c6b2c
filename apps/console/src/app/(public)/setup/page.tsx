import { isSetupComplete } from '@parapet/accounts';
import { notFound } from 'next/navigation';
import { AuthCard } from '@/components/shell/auth-card';
import { db } from '@/server/db';
import { setupTokenRequired } from '@/server/setup/setup-gate';
import { SetupForm } from './setup-form';

export const metadata = { title: 'Set up' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  // Once an owner exists this page is gone; the action refuses on its own as well.
  if (await isSetupComplete({ db: db() })) notFound();
  return (
    <AuthCard
      title="Set up Parapet"
      description="Create your organization and its owner account. This page closes once setup is done."
    >
      <SetupForm askForToken={setupTokenRequired()} />
    </AuthCard>
  );
}
