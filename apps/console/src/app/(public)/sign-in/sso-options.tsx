import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';

/**
 * "Sign in with SSO", above the password form: it asks for the work email and finds the
 * organization's identity provider by its domain (/sign-in/sso).
 */
export function SsoOptions() {
  return (
    <div className="mb-6 space-y-3">
      <Link href="/sign-in/sso" className={buttonClasses('secondary', 'w-full')}>
        Sign in with SSO
      </Link>
      <p className="text-center text-xs text-neutral-500">or use your password</p>
    </div>
  );
}
