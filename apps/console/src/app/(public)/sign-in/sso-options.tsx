import { buttonClasses } from '@/components/ui/button-classes';

/**
 * Single sign-on choices, shown above the password form once SSO providers are configured
 * (see server/auth/sso-providers.ts). Renders nothing today.
 */
export function SsoOptions({ providers }: { providers: { id: string; name: string }[] }) {
  if (providers.length === 0) return null;
  return (
    <div className="mb-6 space-y-3">
      <h2 className="text-sm font-medium text-neutral-700">SSO</h2>
      {providers.map((provider) => (
        <a
          key={provider.id}
          href={`/api/auth/signin/${encodeURIComponent(provider.id)}`}
          className={buttonClasses('secondary', 'w-full')}
        >
          Continue with {provider.name}
        </a>
      ))}
      <p className="text-center text-xs text-neutral-500">or use a local account</p>
    </div>
  );
}
