import { getJobsByIds, type AtlasDb, type JobRecord } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, byKey } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** The jobs domain's DataLoaders for one request: job records by id, read from the `jobs` table. */
export function createJobLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    jobs: new DataLoader<string, JobRecord | null>(
      abortable(signal, async (ids) => byKey(ids, await getJobsByIds(db, ids), (job) => job.id)),
    ),
  };
}
