import { AgentError } from '../agent-error';
import { MAX_WAIT_SECONDS } from '../edge-client/edge-client';
import { type EventsWatchEvent, watchEvents } from '../events/watch-events';
import { type Agent, openAgent } from '../pull/open-agent';
import { pullBundle } from '../pull/pull-bundle';
import { reportStatus, worthReporting } from '../pull/report-status';
import { type WatchEvent, watchBundles } from '../pull/watch-bundles';
import { updatePullStatus } from '../state/agent-state';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';

const DEFAULT_WATCH_WAIT = 30;

function parseWait(text: string | undefined, watch: boolean): number {
  if (text === undefined) return watch ? DEFAULT_WATCH_WAIT : 0;
  if (!/^\d{1,3}$/.test(text) || Number(text) > MAX_WAIT_SECONDS) {
    throw new AgentError('USAGE', `pull: --wait takes whole seconds from 0 to ${MAX_WAIT_SECONDS}`);
  }
  return Number(text);
}

/**
 * The bundle long-poll and the event uploads run side by side, so a slow upload never delays a
 * new bundle and a held poll never delays events; either one meeting a device refusal stops both.
 */
async function watch(agent: Agent, waitSeconds: number, io: CliIo): Promise<number> {
  const stop = new AbortController();
  const signal = AbortSignal.any([io.signal, stop.signal]);
  const emit = (event: WatchEvent | EventsWatchEvent) => {
    printJson(io, event);
    if (event.event === 'device_refused')
      io.stderr(`parapet-agent pull: ${event.message}; stopping\n`);
  };
  const settled = await Promise.allSettled(
    [
      watchBundles(agent, { waitSeconds, signal, emit }),
      watchEvents(agent, {
        signal,
        emit,
        onRejected: ({ id, reason, message }) =>
          io.stderr(`parapet-agent pull: the edge rejected event ${id} (${reason}): ${message}\n`),
      }),
    ].map((loop) => loop.finally(() => stop.abort())),
  );
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.some(
    (outcome) => outcome.status === 'fulfilled' && outcome.value === 'device_refused',
  )
    ? 4
    : 0;
}

export async function runPullCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('pull', args, {
    ...stateOption,
    watch: { type: 'boolean', default: false },
    wait: { type: 'string' },
  });
  const waitSeconds = parseWait(values.wait, values.watch);
  const agent = await openAgent(values.state ?? io.defaultStateDir, { now: io.now });
  const warn = (problem: string | null) => {
    if (problem !== null) io.stderr(`parapet-agent pull: ${problem}\n`);
  };

  if (values.watch) return watch(agent, waitSeconds, io);
  try {
    const outcome = await pullBundle(agent, { waitSeconds, signal: io.signal });
    if (outcome.kind === 'unchanged') {
      printJson(io, { event: 'unchanged' });
      return 0;
    }
    warn(await reportStatus(agent));
    if (outcome.kind === 'accepted') {
      const { claims, etag } = outcome.active;
      printJson(io, {
        event: 'bundle',
        ver: claims.ver,
        etag,
        sub: claims.sub,
        policyVersion: claims.policyVersion,
        keySetVersion: outcome.trust.keySet.version,
      });
      return 0;
    }
    printJson(io, { event: 'refused', ...outcome.refusal });
    throw new AgentError(
      'BUNDLE_REFUSED',
      `refused the bundle the edge served (${outcome.refusal.reason}): ${outcome.refusal.message}; the last good bundle stays in force`,
    );
  } catch (error) {
    if (error instanceof AgentError && error.code !== 'BUNDLE_REFUSED' && error.code !== 'USAGE') {
      const code = error.edgeCode ?? error.code;
      await updatePullStatus(agent.stateDir, {
        lastError: { code, message: error.message, at: io.now().toISOString() },
      }).catch(() => undefined);
      if (worthReporting(error)) warn(await reportStatus(agent));
    }
    throw error;
  }
}
