import type pg from 'pg';
import type { Env } from '../env';
import type { Logger } from '../log';

/** What a periodic job gets: the database, the settings, a logger, and a signal for stopping. */
export type JobContext = { db: pg.Pool; env: Env; log: Logger; signal: AbortSignal };

/** A periodic job of the worker: run once at start, then every `intervalMs`, never overlapping itself. */
export type WorkerJob = {
  name: string;
  intervalMs: number;
  run: (context: JobContext) => Promise<void>;
};
