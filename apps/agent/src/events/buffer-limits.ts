import { AgentError } from '../agent-error';

/** How much the event buffer holds before the oldest events are dropped. */
export interface BufferLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export const DEFAULT_BUFFER_LIMITS: BufferLimits = {
  maxEvents: 100_000,
  maxBytes: 64 * 1024 * 1024,
};

/** Room for the largest event a report line can make, with the fields the agent adds. */
const MIN_BUFFER_BYTES = 128 * 1024;

function parseLimit(text: string, what: string, minimum: number): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < minimum) {
    throw new AgentError('USAGE', `${what} takes a whole number of at least ${minimum}`);
  }
  return Number(text);
}

/**
 * The limits from flags, else the environment, else the defaults. Each is at least what one
 * event needs, so a buffer can always hold the event just reported.
 */
export function resolveBufferLimits(
  flags: { maxEvents?: string | undefined; maxBytes?: string | undefined },
  environment: { maxEvents?: string | undefined; maxBytes?: string | undefined },
): BufferLimits {
  const events = flags.maxEvents ?? environment.maxEvents;
  const bytes = flags.maxBytes ?? environment.maxBytes;
  const eventsWhat =
    flags.maxEvents === undefined ? 'PARAPET_AGENT_BUFFER_MAX_EVENTS' : '--max-events';
  const bytesWhat = flags.maxBytes === undefined ? 'PARAPET_AGENT_BUFFER_MAX_BYTES' : '--max-bytes';
  return {
    maxEvents:
      events === undefined ? DEFAULT_BUFFER_LIMITS.maxEvents : parseLimit(events, eventsWhat, 1),
    maxBytes:
      bytes === undefined
        ? DEFAULT_BUFFER_LIMITS.maxBytes
        : parseLimit(bytes, bytesWhat, MIN_BUFFER_BYTES),
  };
}
