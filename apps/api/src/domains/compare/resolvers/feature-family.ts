import type { FamilyMemberResolvers, FeatureFamilyResolvers, FeatureResolvers } from '../../../generated/resolvers-types.ts';
import { familyOf } from '../family.ts';
import { requireComparison } from './lookups.ts';
import { storedFeature } from './stored-feature.ts';

/** `Feature.family`: parents in narrower SAEs and children in wider ones, from stored families runs. */
export const Feature: Pick<FeatureResolvers, 'family'> = {
  family: async (feature, _args, ctx) => familyOf(feature.id, await ctx.loaders.compare.familyEdges.load(feature.id)),
};

export const FeatureFamily: FeatureFamilyResolvers = {
  parents: (family) => family.parents.map((edge) => ({ edge, relative: 'parent' as const })),
  children: (family) => family.children.map((edge) => ({ edge, relative: 'child' as const })),
};

export const FamilyMember: FamilyMemberResolvers = {
  feature: ({ edge, relative }, _args, ctx) => (relative === 'parent' ? storedFeature(ctx, edge.saeA, edge.indexA) : storedFeature(ctx, edge.saeB, edge.indexB)),
  cosine: ({ edge }) => edge.score,
  containment: ({ edge }) => familyColumn(edge.containment, 'containment', edge.runId),
  coFiring: ({ edge }) => familyColumn(edge.coFiring, 'co_firing', edge.runId),
  comparison: ({ edge }, _args, ctx) => requireComparison(ctx, String(edge.runId)),
};

/** Families runs always store containment and co-firing with each edge; a null is a bug upstream. */
function familyColumn(value: number | null, column: string, runId: number): number {
  if (value === null) throw new Error(`families run ${runId} stored an edge without ${column}`);
  return value;
}
