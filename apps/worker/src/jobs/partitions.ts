import { maintainEventPartitions } from '../partitions/maintain-event-partitions';
import type { WorkerJob } from './job';

/** Event partitions ahead of time, and retention (PARAPET_EVENT_RETENTION_DAYS), hourly. */
export const partitionsJob: WorkerJob = {
  name: 'event-partitions',
  intervalMs: 60 * 60_000,
  run: async ({ db, env, log }) => {
    const result = await maintainEventPartitions({
      db,
      retentionDays: env.PARAPET_EVENT_RETENTION_DAYS,
    });
    if (!result.ran) {
      log('debug', 'event partitions kept by another worker');
      return;
    }
    log('info', 'event partitions maintained', {
      created: result.created,
      dropped: result.dropped,
      retentionDays: env.PARAPET_EVENT_RETENTION_DAYS,
    });
  },
};
