/**
 * Feature ids are `${saeId}/${index}`. SAE ids contain slashes themselves
 * (`demo-lm/blocks.2.hook_resid_post/topk-4096/123`), so the index is the last segment.
 */
export type FeatureKey = { saeId: string; index: number };

/** Feature indices live in an int4 column (`features.index`): 0..2^31 - 1. */
export const MAX_FEATURE_INDEX = 2_147_483_647;

export function formatFeatureId(key: FeatureKey): string {
  return `${key.saeId}/${key.index}`;
}

/**
 * A feature index written as decimal digits (leading zeros allowed), or null when the text is
 * not one or the index does not fit the database column.
 */
export function parseFeatureIndex(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const index = Number(text);
  return index <= MAX_FEATURE_INDEX ? index : null;
}

/**
 * Splits an id at its last slash. `index` is null when the last segment is not a feature index
 * (see `parseFeatureIndex`); the whole result is null when there is no SAE part at all.
 */
export function parseFeatureId(id: string): { saeId: string; index: number | null } | null {
  const slash = id.lastIndexOf('/');
  if (slash <= 0) return null;
  return { saeId: id.slice(0, slash), index: parseFeatureIndex(id.slice(slash + 1)) };
}
