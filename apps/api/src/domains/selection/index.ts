import { representPoolJob, runSelectionJob } from '@atlas/select';
import { defineDomain, readSchema } from '../domain.ts';
import { createSelectionLoaders } from './loaders.ts';
import { selectionMutations } from './resolvers/mutation.ts';
import { selectionQueries } from './resolvers/query.ts';
import { selectionTypes } from './resolvers/types.ts';

/**
 * Data selection (issue 13): pools (imported here up to 900 kB, larger by `atlas import-pool`),
 * selections started as `select-run` jobs and representations as `select-represent` jobs (both
 * from @atlas/select), the selected samples as a connection with their driving features, and the
 * whole selection as JSONL pages.
 */
export const selection = defineDomain({
  name: 'selection',
  typeDefs: readSchema(import.meta.url),
  resolvers: { ...selectionTypes, Query: selectionQueries, Mutation: selectionMutations },
  createLoaders: createSelectionLoaders,
  jobKinds: [representPoolJob, runSelectionJob],
});
