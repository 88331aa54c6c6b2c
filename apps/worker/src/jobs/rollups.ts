import { advanceRollups, pruneRollups } from '@parapet/audit/dashboards';
import type { WorkerJob } from './job';

// Enough per call that a busy organization catches up quickly, small enough that one chunk's
// transaction stays short.
const chunkEvents = 20_000;
// A burst larger than this waits for the next run rather than holding the job for minutes.
const maxChunksPerRun = 50;

/**
 * The compliance dashboards' rollups: every few seconds, count the events stored since the last
 * run (each organization's own cursor, one transaction per chunk) until caught up; drop buckets
 * older than the oldest stored day. Several workers may run it: the cursor row's lock keeps
 * them from counting a chunk twice.
 */
export const rollupsJob: WorkerJob = {
  name: 'dashboard-rollups',
  intervalMs: 5_000,
  run: async ({ db, log, signal }) => {
    let counted = 0;
    for (let chunk = 0; chunk < maxChunksPerRun && !signal.aborted; chunk += 1) {
      const { events } = await advanceRollups({ pool: db, limit: chunkEvents });
      if (events === 0) break;
      counted += events;
    }
    const pruned = await pruneRollups({ pool: db });
    if (counted > 0 || pruned > 0) log('debug', 'dashboard rollups advanced', { counted, pruned });
  },
};
