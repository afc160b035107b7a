import type { FeatureMatchRow } from '@atlas/db';

/** What a FamilyMember resolves from: a families edge and which end of it is the relative shown. */
export type FamilyMember = { edge: FeatureMatchRow; relative: 'parent' | 'child' };

/**
 * A feature's parents (it is the child, B, of the edge) and children (it is the parent, A), best
 * cosine first; null when it has neither. The rows come ordered by score from `getFamilyEdges`.
 */
export function familyOf(featureId: number, edges: readonly FeatureMatchRow[]): { parents: FeatureMatchRow[]; children: FeatureMatchRow[] } | null {
  const parents = edges.filter((edge) => edge.featureIdB === featureId && edge.method === 'families');
  const children = edges.filter((edge) => edge.featureIdA === featureId && edge.method === 'families');
  return parents.length + children.length === 0 ? null : { parents, children };
}
