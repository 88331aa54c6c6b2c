import type { DestinationView } from '@parapet/audit/destinations';
import { RelativeTime } from '@/components/ui/relative-time';
import { describeLag } from './describe-lag';
import { type DestinationActions, DestinationControls } from './destination-controls';
import { destinationTypeSpecs, formatLabels } from './destination-field-specs';
import { DestinationStateBadge } from './destination-state-badge';

/** The organization's destinations: where each sends, how it is doing, and (for admins) controls. */
export function DestinationList({
  orgId,
  destinations,
  actions,
  now,
}: {
  orgId: string;
  destinations: DestinationView[];
  /** Absent for a viewer who may only look. */
  actions?: DestinationActions | undefined;
  now: Date;
}) {
  return (
    <ul className="-my-4 divide-y divide-neutral-100">
      {destinations.map((destination) => (
        <li
          key={destination.id}
          className="space-y-3 py-4"
          data-testid="destination-row"
          aria-label={destination.name}
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <div className="flex items-center gap-2">
                <span className="font-medium text-neutral-900">{destination.name}</span>
                <DestinationStateBadge destination={destination} />
              </div>
              <div className="mt-0.5 text-xs text-neutral-500">
                {destinationTypeSpecs[destination.type]?.label ?? destination.type} ·{' '}
                {formatLabels[destination.format] ?? destination.format} ·{' '}
                <span className="font-mono">{describeTarget(destination)}</span>
                {destination.secretHint ? (
                  <span className="font-mono"> · secret …{destination.secretHint}</span>
                ) : null}
              </div>
            </div>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs text-neutral-600 sm:grid-cols-3">
              <dt className="text-neutral-500">Lag</dt>
              <dd data-testid="destination-lag" className="sm:col-span-2">
                {describeLag(destination)}
              </dd>
              <dt className="text-neutral-500">Exported</dt>
              <dd className="tabular-nums sm:col-span-2">
                {destination.exportedEvents.toLocaleString('en-US')}{' '}
                {destination.exportedEvents === 1 ? 'event' : 'events'}
              </dd>
              <dt className="text-neutral-500">Last delivery</dt>
              <dd className="sm:col-span-2">
                {destination.lastSuccessAt ? (
                  <RelativeTime value={destination.lastSuccessAt} now={now} />
                ) : (
                  'none yet'
                )}
              </dd>
            </dl>
          </div>
          {destination.lastError ? (
            <p
              className={
                destination.state === 'failing'
                  ? 'text-xs text-red-700'
                  : 'text-xs text-neutral-500'
              }
            >
              Last error
              {destination.lastErrorAt ? (
                <>
                  {' '}
                  (<RelativeTime value={destination.lastErrorAt} now={now} />)
                </>
              ) : null}
              : <span className="font-mono">{destination.lastError}</span>
              {destination.state === 'failing' && destination.failingSince ? (
                <>
                  {' '}
                  — failing since <RelativeTime value={destination.failingSince} now={now} />
                </>
              ) : null}
            </p>
          ) : null}
          {actions ? (
            <DestinationControls orgId={orgId} destination={destination} actions={actions} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function describeTarget(destination: DestinationView): string {
  const { url, host, port, transport } = destination.settings as Record<string, unknown>;
  if (typeof url === 'string') return url;
  if (typeof host === 'string')
    return `${String(transport ?? 'tls')}://${host}:${String(port ?? '')}`;
  return '';
}
