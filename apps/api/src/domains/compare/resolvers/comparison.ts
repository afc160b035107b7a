import { getComparisonMatches, getComparisonScoreHistogram } from '@atlas/db';
import type { ComparisonResolvers } from '../../../generated/resolvers-types.ts';
import { badUserInput } from '../../../errors.ts';
import { DEFAULT_PAGE_SIZE } from '../../../limits.ts';
import { requireSae } from '../../catalog/lookups.ts';
import { matchPageBounds } from '../match-page.ts';
import { graphqlMethod } from '../methods.ts';
import { storedFigures } from '../stored-figure.ts';

const MAX_BINS = 100;

export const Comparison: ComparisonResolvers = {
  id: (row) => String(row.id),
  saeA: (row, _args, ctx) => requireSae(ctx, row.saeA),
  saeB: (row, _args, ctx) => requireSae(ctx, row.saeB),
  method: (row) => graphqlMethod(row.method),
  // By name: jsonb keeps no key order.
  params: (row) => Object.entries(row.params).sort(([x], [y]) => x.localeCompare(y)).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) })),
  figures: (row) => storedFigures(row.figures),
  createdAt: (row) => row.createdAt.toISOString(),
  job: (row, _args, ctx) => (row.jobId === null ? null : ctx.loaders.jobs.jobs.load(row.jobId)),
  matches: async (row, args, ctx) => {
    const { limit, offset } = matchPageBounds(args, DEFAULT_PAGE_SIZE, 'matches');
    const page = await getComparisonMatches(ctx.db, row.id, { limit, offset, assignedOnly: args.assignedOnly ?? false });
    return { ...page, offset };
  },
  scoreHistogram: async (row, { bins, assignedOnly }, ctx) => {
    const count = bins ?? 20;
    if (!Number.isInteger(count) || count < 2 || count > MAX_BINS) throw badUserInput(`scoreHistogram(bins: ${count}) is out of range: bins must be between 2 and ${MAX_BINS}`);
    const counts = await getComparisonScoreHistogram(ctx.db, row.id, { bins: count, lower: 0, upper: 1, assignedOnly: assignedOnly ?? true });
    return { lower: 0, upper: 1, counts };
  },
};
