import type { SearchMatch as SearchMatchRow } from '@atlas/db';
import type { FeatureSearchPage, FeatureSearchResult, FeaturesForTextResult, TextFeature as TextFeatureResult, TokenFeatures } from '@atlas/search';

/** What each search type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type FeatureSearchConnectionMapper = FeatureSearchPage;
export type FeatureSearchEdgeMapper = FeatureSearchResult;
export type SearchMatchMapper = SearchMatchRow;
/** The answer with the SAE it ran, so features resolve by (SAE, index). */
export type TextFeaturesMapper = FeaturesForTextResult & { saeId: string };
export type TextTokenMapper = TokenFeatures & { saeId: string };
export type TokenFeatureMapper = { saeId: string; index: number; value: number };
export type TextFeatureMapper = TextFeatureResult & { saeId: string };
