import type { WorkerMetrics } from '../metrics';
import type { JobContext, WorkerJob } from './job';

const RETRY_FAILED_MS = 60_000;

/**
 * Runs each job now and then every `intervalMs`. A run that fails is logged and counted, and
 * tried again within a minute (the schema may not be migrated yet when the worker starts beside
 * a console). A job never overlaps itself: the next run is scheduled when the previous one ends.
 */
export function startJobs({
  jobs,
  context,
  metrics,
}: {
  jobs: readonly WorkerJob[];
  context: Omit<JobContext, 'signal'>;
  metrics?: WorkerMetrics;
}): { stop: () => Promise<void> } {
  const controller = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const runJob = (job: WorkerJob) => {
    let nextInMs = job.intervalMs;
    const run = job
      .run({ ...context, signal: controller.signal })
      .then(
        () => metrics?.recordJob(job.name, 'ok'),
        (error: unknown) => {
          nextInMs = Math.min(job.intervalMs, RETRY_FAILED_MS);
          metrics?.recordJob(job.name, 'failed');
          context.log('error', 'job failed', {
            job: job.name,
            error: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        running.delete(run);
        if (controller.signal.aborted) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          runJob(job);
        }, nextInMs);
        timers.add(timer);
      });
    running.add(run);
  };
  for (const job of jobs) runJob(job);
  return {
    stop: async () => {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...running]);
    },
  };
}
