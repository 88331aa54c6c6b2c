import { setTimeout as sleep } from 'node:timers/promises';
import type { DestinationNetworkPolicy } from '@parapet/audit/deliver';
import {
  type ClaimedDestination,
  claimDueDestination,
  type DeliverFunction,
  type ExportSettings,
  type ExportTurn,
  exportClaimedDestination,
} from '@parapet/audit/export';
import type pg from 'pg';
import type { Logger } from '../log';

export type ExportLoopsOptions = {
  db: pg.Pool;
  workerId: string;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  settings: ExportSettings;
  network: DestinationNetworkPolicy;
  deliver: DeliverFunction;
  log: Logger;
  onTurn?: (destination: ClaimedDestination, turn: ExportTurn) => void;
};

/**
 * `concurrency` loops, each claiming one due destination at a time and giving it one turn.
 * Stopping lets turns in flight finish for `graceMs`, then aborts their deliveries, which gives
 * their leases back at once (see exportClaimedDestination) instead of leaving them to expire.
 */
export function startExportLoops(options: ExportLoopsOptions): {
  stop: (graceMs?: number) => Promise<void>;
} {
  const stopping = new AbortController();
  const deliveries = new AbortController();
  const loops = Array.from({ length: options.concurrency }, () =>
    runLoop(options, stopping.signal, deliveries.signal),
  );
  return {
    stop: async (graceMs = 10_000) => {
      stopping.abort();
      const timer = setTimeout(() => deliveries.abort(new Error('worker stopping')), graceMs);
      await Promise.all(loops);
      clearTimeout(timer);
    },
  };
}

async function runLoop(
  options: ExportLoopsOptions,
  stopping: AbortSignal,
  deliveries: AbortSignal,
): Promise<void> {
  const { db, workerId, leaseMs, pollMs, log } = options;
  while (!stopping.aborted) {
    let claimed: ClaimedDestination | null = null;
    try {
      claimed = await claimDueDestination({ pool: db, workerId, leaseMs });
      if (claimed) {
        const turn = await exportClaimedDestination({
          db,
          claimed,
          network: options.network,
          settings: options.settings,
          deliver: options.deliver,
          signal: deliveries,
        });
        logTurn(log, claimed, turn);
        options.onTurn?.(claimed, turn);
      }
    } catch (error) {
      // The database went away or a query failed: the lease (if any) expires by itself.
      log('error', 'export turn failed', {
        destination: claimed?.id,
        error: error instanceof Error ? error.message : String(error),
      });
      await sleep(Math.max(pollMs, 1_000), undefined, { signal: stopping }).catch(() => undefined);
      continue;
    }
    if (!claimed) await sleep(pollMs, undefined, { signal: stopping }).catch(() => undefined);
  }
}

function logTurn(log: Logger, claimed: ClaimedDestination, turn: ExportTurn): void {
  if (turn.result === 'idle') return;
  const fields = {
    destination: claimed.id,
    org: claimed.orgId,
    type: claimed.type,
    records: turn.count,
    durationMs: turn.durationMs,
    lagMs: turn.lagMs,
    ...(turn.error ? { error: turn.error } : {}),
    ...(turn.written ? {} : { leaseLost: true }),
  };
  if (turn.result === 'delivered') log('debug', 'batch delivered', fields);
  else
    log(
      'warn',
      turn.result === 'retry' ? 'batch not delivered; will retry' : 'batch refused by the receiver',
      fields,
    );
}
