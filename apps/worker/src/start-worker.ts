import { hostname } from 'node:os';
import { type DestinationNetworkPolicy, deliverBatch } from '@parapet/audit/deliver';
import type { DeliverFunction } from '@parapet/audit/export';
import type pg from 'pg';
import type { Env } from './env';
import { startExportLoops } from './export/start-export-loops';
import { jobs as defaultJobs, type WorkerJob } from './jobs/index';
import { startJobs } from './jobs/start-jobs';
import type { Logger } from './log';
import { WorkerMetrics } from './metrics';
import { serveMetrics } from './serve-metrics';

export type Worker = {
  /** Where /metrics and /healthz answer, when PARAPET_WORKER_PORT is not 0. */
  url: string | undefined;
  metrics: WorkerMetrics;
  /** Stops claiming, lets deliveries in flight finish for `graceMs`, then gives leases back. */
  stop: (graceMs?: number) => Promise<void>;
};

/** The version receivers see in CEF and OCSF metadata. */
const productVersion = '0.0.0';

/**
 * The worker: export loops over the due destinations, the periodic jobs, and the metrics
 * listener. Everything it needs is passed in, so tests run several in one process.
 */
export async function startWorker({
  env,
  db,
  network,
  log,
  deliver,
  jobs = defaultJobs,
}: {
  env: Env;
  db: pg.Pool;
  network: DestinationNetworkPolicy;
  log: Logger;
  /** Replaces the real delivery (tests that stand between the worker and a receiver). */
  deliver?: DeliverFunction;
  jobs?: readonly WorkerJob[];
}): Promise<Worker> {
  const metrics = new WorkerMetrics();
  const context = { hostname: hostname(), productVersion };
  const loops = startExportLoops({
    db,
    workerId: env.PARAPET_WORKER_ID,
    concurrency: env.PARAPET_WORKER_CONCURRENCY,
    pollMs: env.PARAPET_EXPORT_POLL_MS,
    leaseMs: env.PARAPET_EXPORT_LEASE_SECONDS * 1000,
    settings: {
      batchSize: env.PARAPET_EXPORT_BATCH_SIZE,
      flushIntervalMs: env.PARAPET_EXPORT_FLUSH_MS,
      failingAfterMs: env.PARAPET_EXPORT_FAILING_AFTER_SECONDS * 1000,
      deliveryTimeoutMs: env.PARAPET_EXPORT_TIMEOUT_SECONDS * 1000,
      retryCapMs: env.PARAPET_EXPORT_RETRY_MAX_SECONDS * 1000,
    },
    network,
    deliver: deliver ?? ((options) => deliverBatch({ ...options, context })),
    log,
    onTurn: (destination, turn) => metrics.recordTurn(destination, turn),
  });
  const scheduled = startJobs({ jobs, context: { db, env, log }, metrics });
  let listener: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  try {
    if (env.PARAPET_WORKER_PORT !== 0) {
      listener = await serveMetrics({
        host: env.PARAPET_WORKER_HOST,
        port: env.PARAPET_WORKER_PORT,
        metrics,
        db,
      });
    }
  } catch (error) {
    await Promise.all([loops.stop(0), scheduled.stop()]);
    throw error;
  }
  return {
    url: listener?.url,
    metrics,
    stop: async (graceMs) => {
      await Promise.all([loops.stop(graceMs), scheduled.stop()]);
      await listener?.close();
    },
  };
}
