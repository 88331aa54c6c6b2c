import type { DestinationView } from '@parapet/audit/destinations';

/** A destination's lag as a sentence: "Up to date", or how many events wait and for how long. */
export function describeLag(
  destination: Pick<DestinationView, 'backlog' | 'backlogCapped' | 'lagSeconds'>,
): string {
  if (destination.backlog === 0) return 'Up to date';
  const count = `${destination.backlog.toLocaleString('en-US')}${destination.backlogCapped ? '+' : ''}`;
  const noun = destination.backlog === 1 && !destination.backlogCapped ? 'event' : 'events';
  return `${count} ${noun} waiting, oldest ${describeSeconds(destination.lagSeconds)}`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400)
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}
