import type { JobState } from '@atlas/db';
import type { JobResolvers, JobProgressResolvers, MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';

const STATES: Record<JobState, 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'> = {
  queued: 'QUEUED', running: 'RUNNING', succeeded: 'SUCCEEDED', failed: 'FAILED', cancelled: 'CANCELLED',
};

export const job: NonNullable<QueryResolvers['job']> = (_parent, { id }, ctx) => ctx.loaders.jobs.jobs.load(id);

export const cancelJob: NonNullable<MutationResolvers['cancelJob']> = (_parent, { id }, ctx) => ctx.jobs.cancel(id);

export const Job: JobResolvers = {
  state: (record) => STATES[record.state],
  createdAt: (record) => record.createdAt.toISOString(),
  startedAt: (record) => record.startedAt?.toISOString() ?? null,
  finishedAt: (record) => record.finishedAt?.toISOString() ?? null,
};

export const JobProgress: JobProgressResolvers = {
  updatedAt: (progress) => progress.updatedAt.toISOString(),
};
