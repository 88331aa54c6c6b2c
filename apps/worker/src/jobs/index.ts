// The worker's periodic jobs. A new job is a file beside this one exporting a WorkerJob, and
// one line here.
import type { WorkerJob } from './job';
import { partitionsJob } from './partitions';
import { rollupsJob } from './rollups';

export type { JobContext, WorkerJob } from './job';

export const jobs: readonly WorkerJob[] = [partitionsJob, rollupsJob];
