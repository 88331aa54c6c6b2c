/**
 * Who did it: the person's email; for a call made with an API key, the key and the member who
 * created it ("API key Deploy bot (created by olivia@acme.example)"); or "System" for what the
 * console did on its own (a lockout, for one), set apart so it does not read as someone's name.
 */
export function ActivityActor({ email, details }: { email: string | null; details?: unknown }) {
  const apiKey = apiKeyOf(details);
  if (apiKey) {
    return (
      <>
        API key {apiKey}
        {email === null ? null : <span className="text-neutral-500"> (created by {email})</span>}
      </>
    );
  }
  if (email === null) return <span className="text-neutral-500">System</span>;
  return <>{email}</>;
}

/** The name of the API key an entry was written for, if it was. */
export function apiKeyOf(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const { apiKey } = details as { apiKey?: unknown };
  if (typeof apiKey !== 'object' || apiKey === null) return undefined;
  const { name } = apiKey as { name?: unknown };
  return typeof name === 'string' ? name : undefined;
}
