// @parapet/worker: the background process beside the console and the edge (SIEM export, event
// partitions and retention, periodic jobs). main.ts runs it; tests and benchmarks start it here.
export { type Env, parseEnv } from './env';
export { type JobContext, jobs, type WorkerJob } from './jobs/index';
export { createLogger, type Logger } from './log';
export { maintainEventPartitions } from './partitions/maintain-event-partitions';
export { startWorker, type Worker } from './start-worker';
