import { getSelectionByJobId } from '@atlas/db';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadPoolPage } from '../pages.ts';
import { parseSelectionId } from '../selection-input.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const selectionQueries: Pick<QueryResolvers, 'pools' | 'pool' | 'selection' | 'selectionOfJob'> = {
  pools: (_parent, args, ctx) => loadPoolPage(ctx, args),
  pool: (_parent, { id }, ctx) => ctx.loaders.selection.pools.load(id),
  selection: (_parent, { id }, ctx) => ctx.loaders.selection.selections.load(parseSelectionId(id)),
  // Job ids are UUIDs: anything else names no job (and must not reach a uuid comparison).
  selectionOfJob: async (_parent, { jobId }, ctx) => (UUID.test(jobId) ? ((await getSelectionByJobId(ctx.db, jobId)) ?? null) : null),
};
