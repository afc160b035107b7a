// @atlas/search: finding features. The search index (labels + evidence per feature → tsvector
// and an embedding), hybrid search (full text + vectors, reciprocal-rank fusion), and the
// features a text activates. The API and the CLI call these; the SQL lives in @atlas/db.
export { createSearchEngine, loadConfiguredSearchEngine, loadDefaultSearchEngine, type SearchEngine, type SearchEngineOptions } from './engine.ts';
export { SearchError } from './search-error.ts';
export { SEARCH_LIMITS, TEXT_LIMITS } from './limits.ts';
export {
  searchFeatures, SEARCH_MODES, type FeatureSearchPage, type FeatureSearchResult, type SearchFeaturesArgs, type SearchMode,
} from './search-features.ts';
export type { FeatureSearchFilter, LabelSourceName } from './query/resolve-filter.ts';
export { parseQuery, type ParsedQuery } from './query/parse-query.ts';
export { reciprocalRankFusion, RRF_K, type FusedFeature } from './hybrid/rrf.ts';
export { featureDocumentText, SEARCH_DOCUMENT_VERSION, type FeatureDocumentText } from './indexing/feature-document.ts';
export { indexSaeFeatures, type IndexFeaturesOptions, type IndexFeaturesResult } from './indexing/index-features.ts';
export {
  featuresForText, type FeaturesForTextOptions, type FeaturesForTextResult, type TextFeature, type TokenFeatures,
} from './text/features-for-text.ts';
export { tokenWindows, type TokenWindow } from './text/windows.ts';
