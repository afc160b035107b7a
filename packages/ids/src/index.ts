// @atlas/ids: the atlas's readable ids, shared by the API and the web (no database or Node-only imports).
export { MAX_FEATURE_INDEX, formatFeatureId, parseFeatureId, parseFeatureIndex, type FeatureKey } from './feature-id.ts';
