import type { ComparisonRunRow } from '@atlas/db';
import type { ApiContext } from '../../../context.ts';
import { notFound } from '../../../errors.ts';

/** A finished comparison by its public id, or NOT_FOUND naming it. */
export async function requireComparison(ctx: ApiContext, id: string): Promise<ComparisonRunRow> {
  const runId = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = runId === null ? null : await ctx.loaders.compare.comparisons.load(runId);
  if (!row) throw notFound(`No finished comparison with id "${id}". The comparisons query lists them; compare(saeA, saeB, method) finds one by its SAEs.`);
  return row;
}
