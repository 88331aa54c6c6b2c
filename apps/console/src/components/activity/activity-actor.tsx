/**
 * Who did it: the person's email, or "System" for what the console did on its own (a lockout,
 * for one), set apart so it does not read as someone's name.
 */
export function ActivityActor({ email }: { email: string | null }) {
  if (email === null) return <span className="text-neutral-500">System</span>;
  return <>{email}</>;
}
