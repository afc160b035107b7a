import { countFeaturesOfQuality, listFeatures, type FeatureOrder, type FeatureQuality, type FeatureRow } from '@atlas/db';
import type { ApiContext } from '../../context.ts';
import { decodeCursor } from '../../cursor.ts';
import { badUserInput } from '../../errors.ts';
import type { FeatureOrder as GraphQLFeatureOrder, FeatureQuality as GraphQLFeatureQuality } from '../../generated/resolvers-types.ts';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../limits.ts';

/** What a FeatureConnection resolves from: one page of an SAE's features in the asked order. */
export type FeaturePage = {
  saeId: string;
  features: FeatureRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Set when a quality or label filter applies; otherwise the SAE's feature count (a batched loader) is the total. */
  totalCount?: number;
};

export type PageArgs = {
  first?: number | null;
  after?: string | null;
  orderBy?: GraphQLFeatureOrder | null;
  quality?: GraphQLFeatureQuality | null;
  labelContains?: string | null;
};

const MAX_LABEL_FILTER_CHARS = 200;

/** The label filter's text, trimmed; BAD_USER_INPUT when blank or too long. */
function labelFilter(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LABEL_FILTER_CHARS) {
    throw badUserInput(`labelContains must be 1 to ${MAX_LABEL_FILTER_CHARS} characters of text (got ${trimmed.length} after trimming); leave it out to keep every label`);
  }
  return trimmed;
}

const ORDERS: Record<GraphQLFeatureOrder, FeatureOrder> = {
  INDEX: { key: 'index' },
  DENSITY_DESC: { key: 'density', direction: 'desc' },
  DENSITY_ASC: { key: 'density', direction: 'asc' },
  MAX_ACTIVATION_DESC: { key: 'maxActivation', direction: 'desc' },
  MAX_ACTIVATION_ASC: { key: 'maxActivation', direction: 'asc' },
  LABEL_SCORE: { key: 'labelScore', direction: 'desc' },
  LABEL_SCORE_ASC: { key: 'labelScore', direction: 'asc' },
};

const QUALITIES: Record<GraphQLFeatureQuality, FeatureQuality> = { ALL: 'all', LIVE: 'live', DEAD: 'dead', DENSE: 'dense' };

/** Loads `first` features after the cursor, fetching one extra row to learn whether more follow. */
export async function loadFeaturePage(ctx: ApiContext, saeId: string, args: PageArgs, field: string): Promise<FeaturePage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, field);
  const afterIndex = args.after === null || args.after === undefined ? null : decodeCursor(args.after);
  const quality = QUALITIES[args.quality ?? 'ALL'];
  const labelContains = labelFilter(args.labelContains);
  const rows = await listFeatures(ctx.db, {
    saeId, afterIndex, limit: limit + 1, orderBy: ORDERS[args.orderBy ?? 'INDEX'], quality, ...(labelContains ? { labelContains } : {}),
  });
  return {
    saeId,
    features: rows.slice(0, limit),
    hasNextPage: rows.length > limit,
    hasPreviousPage: afterIndex !== null,
    ...(quality === 'all' && !labelContains ? {} : { totalCount: await countFeaturesOfQuality(ctx.db, saeId, quality, labelContains) }),
  };
}
