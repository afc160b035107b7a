import { selectionJsonRecord } from '@atlas/select';
import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { pageSize } from '../../../limits.ts';
import { encodeKeyCursor, loadItemPage, loadJsonlItems } from '../pages.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const selectionTypes: Resolvers = {
  PoolConnection: {
    edges: (page) => page.pools.map((pool) => ({ cursor: encodeKeyCursor('pool', pool.id), node: pool })),
    pageInfo: (page) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.pools[0] ? encodeKeyCursor('pool', page.pools[0].id) : null,
      endCursor: page.pools.at(-1) ? encodeKeyCursor('pool', page.pools.at(-1)!.id) : null,
    }),
  },
  Pool: {
    format: (pool) => pool.format.toUpperCase(),
    createdAt: (pool) => pool.createdAt.toISOString(),
    selections: async (pool, args, ctx) => (await ctx.loaders.selection.poolSelections.load(pool.id)).slice(0, pageSize(args.first, 10, 'selections')),
  },
  ImportPoolResult: {
    skipped: (result) => result.skipped.map(({ line, message }) => ({ line, message })),
  },
  Selection: {
    id: (selection) => String(selection.id),
    pool: async (selection, _args, ctx) => (await ctx.loaders.selection.pools.load(selection.poolId))!,
    method: (selection) => selection.method.toUpperCase() as never,
    sae: (selection, _args, ctx) => (selection.saeId ? ctx.loaders.catalog.saes.load(selection.saeId) : null),
    embedder: (selection) => (typeof selection.params.embedder === 'string' ? selection.params.embedder : null),
    status: (selection) => selection.status.toUpperCase() as never,
    targetCount: (selection) => selection.targets?.length ?? 0,
    targetPool: (selection, _args, ctx) => (selection.targetPoolId ? ctx.loaders.selection.pools.load(selection.targetPoolId) : null),
    createdAt: (selection) => selection.createdAt.toISOString(),
    finishedAt: (selection) => iso(selection.finishedAt),
    job: (selection, _args, ctx) => (selection.jobId ? ctx.loaders.jobs.jobs.load(selection.jobId) : null),
    items: (selection, args, ctx) => loadItemPage(ctx, selection, args),
    jsonl: async (selection, args, ctx) => {
      const { items, hasNextPage } = await loadJsonlItems(ctx, selection.id, args);
      const last = items.at(-1);
      return {
        text: items.map((item) => `${JSON.stringify(selectionJsonRecord(item))}\n`).join(''),
        lines: items.length,
        endCursor: last ? encodeKeyCursor('rank', last.rank) : null,
        hasNextPage,
      };
    },
  },
  SelectionItemConnection: {
    edges: (page) => page.items.map((item) => ({ cursor: encodeKeyCursor('rank', item.rank), node: { ...item, saeId: page.saeId } })),
    pageInfo: (page) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.items[0] ? encodeKeyCursor('rank', page.items[0].rank) : null,
      endCursor: page.items.at(-1) ? encodeKeyCursor('rank', page.items.at(-1)!.rank) : null,
    }),
  },
  SelectionItem: {
    drivingFeatures: (item) => (item.featureIndices ?? []).map((index, i) => ({ saeId: item.saeId, index, contribution: item.featureContributions?.[i] ?? 0 })),
  },
  PoolSample: {
    metadata: (sample) => (sample.metadata ? JSON.stringify(sample.metadata) : null),
  },
  DrivingFeature: {
    feature: (driving, _args, ctx) => (driving.saeId ? ctx.loaders.catalog.features.load({ saeId: driving.saeId, index: driving.index }) : null),
  },
};
