import type {
  FeatureSearchConnectionResolvers, FeatureSearchEdgeResolvers, SearchMatchResolvers, TextFeatureResolvers, TextFeaturesResolvers,
  TextTokenResolvers, TokenFeatureResolvers,
} from '../../../generated/resolvers-types.ts';
import type { ApiContext } from '../../../context.ts';
import { requireFeature, requireSae } from '../../catalog/lookups.ts';

const feature = (ctx: ApiContext, saeId: string, index: number) => requireFeature(ctx, `${saeId}/${index}`);

export const FeatureSearchConnection: FeatureSearchConnectionResolvers = {
  edges: (page) => page.results,
  pageInfo: (page) => ({
    hasNextPage: page.pageInfo.hasNextPage,
    hasPreviousPage: false,
    startCursor: page.results[0]?.cursor ?? null,
    endCursor: page.pageInfo.endCursor,
  }),
};

export const FeatureSearchEdge: FeatureSearchEdgeResolvers = {
  node: (result, _args, ctx) => feature(ctx, result.saeId, result.index),
};

const PARTS = { label: 'LABEL', peaks: 'PEAK_WORDS', contexts: 'CONTEXT' } as const;

export const SearchMatch: SearchMatchResolvers = {
  part: (match) => PARTS[match.part.kind],
  labelSource: (match) => (match.part.kind === 'label' ? (match.part.source.toUpperCase() as 'HUMAN' | 'MACHINE' | 'LLM') : null),
  highlights: (match) => match.highlights.map(([start, end]) => ({ start, end })),
};

export const TextFeatures: TextFeaturesResolvers = {
  sae: (result, _args, ctx) => requireSae(ctx, result.saeId),
  tokens: (result) => result.tokens.map((token) => ({ ...token, saeId: result.saeId })),
  features: (result) => result.features.map((entry) => ({ ...entry, saeId: result.saeId })),
  windows: (result) => ({ ...result.windows, windowed: result.windows.count > 1 }),
};

export const TextToken: TextTokenResolvers = {
  features: (token) => token.features.map((entry) => ({ ...entry, saeId: token.saeId })),
};

export const TokenFeature: TokenFeatureResolvers = {
  feature: (entry, _args, ctx) => feature(ctx, entry.saeId, entry.index),
};

export const TextFeature: TextFeatureResolvers = {
  feature: (entry, _args, ctx) => feature(ctx, entry.saeId, entry.index),
};
