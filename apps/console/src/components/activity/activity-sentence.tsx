import { activityLabel } from '@parapet/accounts/schemas';
import { ActivityActor, apiKeyOf } from './activity-actor';

/**
 * One activity entry as a line of text: "olivia@acme.example signed in · olivia@acme.example".
 * An entry without an actor (the console acting on its own, as in a lockout) is its label alone,
 * "Account locked after 5 failed sign-ins · lena@acme.example", rather than "System account
 * locked…", which would read as if a system account had been locked.
 */
export function ActivitySentence({
  entry,
}: {
  entry: { actorEmail: string | null; action: string; target: string | null; details: unknown };
}) {
  const label = activityLabel(entry.action, entry.details);
  return (
    <span>
      {entry.actorEmail === null && !apiKeyOf(entry.details) ? (
        <span className="text-neutral-800">{label}</span>
      ) : (
        <>
          <span className="font-medium text-neutral-800">
            <ActivityActor email={entry.actorEmail} details={entry.details} />
          </span>{' '}
          <span className="text-neutral-600">{label.toLowerCase()}</span>
        </>
      )}
      {entry.target ? <span className="text-neutral-500"> · {entry.target}</span> : null}
    </span>
  );
}
