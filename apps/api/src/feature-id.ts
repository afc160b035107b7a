/**
 * Feature ids are `${saeId}/${index}`; SAE ids contain slashes themselves
 * (`demo-lm/blocks.2.hook_resid_post/topk-4096/123`), so the index is the last segment.
 */
export type FeatureKey = { saeId: string; index: number };

export function formatFeatureId(key: FeatureKey): string {
  return `${key.saeId}/${key.index}`;
}

/**
 * Splits an id at its last slash. `index` is null when the last segment is not a
 * non-negative integer; the whole result is null when there is no SAE part at all.
 */
export function parseFeatureId(id: string): { saeId: string; index: number | null } | null {
  const slash = id.lastIndexOf('/');
  if (slash <= 0) return null;
  const saeId = id.slice(0, slash);
  const indexText = id.slice(slash + 1);
  const index = /^\d{1,15}$/.test(indexText) ? Number(indexText) : null;
  return { saeId, index };
}
