import type { FeatureRow } from '@atlas/db';
import { formatFeatureId } from '@atlas/ids';
import type { ApiContext } from '../../../context.ts';

/** A feature a stored edge names (through the request's feature loader); missing is a bug, not NOT_FOUND. */
export async function storedFeature(ctx: ApiContext, saeId: string, index: number): Promise<FeatureRow> {
  const feature = await ctx.loaders.catalog.features.load({ saeId, index });
  if (!feature) throw new Error(`match edge names feature ${formatFeatureId({ saeId, index })}, which is not stored`);
  return feature;
}
