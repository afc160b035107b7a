import { defineDomain, readSchema } from '../domain.ts';
import { createJobLoaders } from './loaders.ts';
import { Job, JobProgress, cancelJob, job } from './resolvers/job.ts';

/**
 * Jobs: following and cancelling the background work other domains start (`ctx.jobs.enqueue`
 * in their mutations, returning a `Job`). Runs no kind itself; the server runs every served
 * domain's `jobKinds` (job-service.ts).
 */
export const jobs = defineDomain({
  name: 'jobs',
  typeDefs: readSchema(import.meta.url),
  resolvers: { Query: { job }, Mutation: { cancelJob }, Job, JobProgress },
  createLoaders: createJobLoaders,
});
