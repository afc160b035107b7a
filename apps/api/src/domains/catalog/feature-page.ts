import { listFeatures, type FeatureRow } from '@atlas/db';
import type { ApiContext } from '../../context.ts';
import { decodeCursor } from '../../cursor.ts';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../limits.ts';

/** What a FeatureConnection resolves from: one page of an SAE's features, ordered by index. */
export type FeaturePage = {
  saeId: string;
  features: FeatureRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
};

export type PageArgs = { first?: number | null; after?: string | null };

/** Loads `first` features after the cursor, fetching one extra row to learn whether more follow. */
export async function loadFeaturePage(ctx: ApiContext, saeId: string, args: PageArgs, field: string): Promise<FeaturePage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, field);
  const afterIndex = args.after === null || args.after === undefined ? null : decodeCursor(args.after);
  const rows = await listFeatures(ctx.db, { saeId, afterIndex, limit: limit + 1 });
  return {
    saeId,
    features: rows.slice(0, limit),
    hasNextPage: rows.length > limit,
    hasPreviousPage: afterIndex !== null,
  };
}
