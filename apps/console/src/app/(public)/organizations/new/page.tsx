import Link from 'next/link';
import { AuthCard } from '@/components/shell/auth-card';
import { organizationCreation } from '@/server/organizations/organization-creation';
import { getCurrentMember } from '@/server/pages/current-member';
import { CreateOrganizationForm } from './create-organization-form';
import { SignUpForm } from './sign-up-form';

export const metadata = { title: 'Create an organization' };
export const dynamic = 'force-dynamic';

const linkClasses = 'font-medium text-accent-700 hover:underline';

/**
 * Creating an organization, where the installation allows self-service: a signed-in person
 * names it and owns it; a visitor creates their account with it. Otherwise the page says who
 * creates organizations here (the actions refuse on their own as well).
 */
export default async function NewOrganizationPage() {
  if (organizationCreation() !== 'self-service') {
    return (
      <AuthCard title="Organizations are created by the operator">
        <p className="text-sm text-neutral-600">
          On this installation, new organizations are created by its operator, who sends the new
          owner an invite link. Ask them for one, or{' '}
          <Link href="/sign-in" className={linkClasses}>
            sign in
          </Link>{' '}
          if you already have an account.
        </p>
      </AuthCard>
    );
  }
  const member = await getCurrentMember();
  if (member) {
    return (
      <AuthCard
        title="Create an organization"
        description="You will be its owner. It starts empty: its own people, policy, devices, keys and members."
      >
        <CreateOrganizationForm />
        <p className="mt-6 text-center text-sm text-neutral-500">
          <Link href="/" className={linkClasses}>
            Back to {member.organizationName}
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create your organization"
      description="Your account and a new organization that you own."
    >
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-neutral-500">
        Already have an account?{' '}
        <Link href="/sign-in" className={linkClasses}>
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
