import type { ExportTurn } from '@parapet/audit/export';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * The worker's figures, per destination id (ids, not names: a name can change and may say more
 * than a dashboard should). Each worker has its own registry, so two in one process (the tests)
 * count apart.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly records: Counter<'destination' | 'type'>;
  private readonly batches: Counter<'destination' | 'type' | 'outcome'>;
  private readonly lag: Gauge<'destination'>;
  private readonly jobRuns: Counter<'job' | 'outcome'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'parapet_worker_' });
    this.records = new Counter({
      name: 'parapet_worker_exported_records_total',
      help: 'Records (events and admin activity) a receiver accepted, by destination.',
      labelNames: ['destination', 'type'],
      registers: [this.registry],
    });
    this.batches = new Counter({
      name: 'parapet_worker_export_batches_total',
      help: 'Batches sent, by destination and outcome (delivered, retry, rejected).',
      labelNames: ['destination', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.lag = new Gauge({
      name: 'parapet_worker_export_lag_seconds',
      help: 'How long the oldest record of the last batch had waited since it was stored; 0 when caught up.',
      labelNames: ['destination'],
      registers: [this.registry],
    });
    this.jobRuns = new Counter({
      name: 'parapet_worker_job_runs_total',
      help: 'Runs of the periodic jobs (partitions, rollups), by outcome.',
      labelNames: ['job', 'outcome'],
      registers: [this.registry],
    });
  }

  recordTurn(destination: { id: string; type: string }, turn: ExportTurn): void {
    if (turn.result === 'idle') {
      this.lag.set({ destination: destination.id }, 0);
      return;
    }
    const labels = { destination: destination.id, type: destination.type };
    this.batches.inc({ ...labels, outcome: turn.result });
    if (turn.result === 'delivered' && turn.written) this.records.inc(labels, turn.count);
    this.lag.set({ destination: destination.id }, turn.lagMs / 1000);
  }

  recordJob(job: string, outcome: 'ok' | 'failed'): void {
    this.jobRuns.inc({ job, outcome });
  }
}
