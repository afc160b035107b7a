import type { AnyJobKind } from '@atlas/jobs';
import { statisticsShardJob } from './scale-out/statistics-shard-job.ts';

/**
 * Every job kind of the atlas, one line each: `atlas worker` runs them all, and processes that
 * run jobs in-process pick from them. A new kind also needs its queue in a migration (see
 * packages/jobs/README.md).
 */
export const atlasJobKinds: readonly AnyJobKind[] = [
  statisticsShardJob,
];
