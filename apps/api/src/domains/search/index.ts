import { defineDomain, readSchema } from '../domain.ts';
import { createSearchLoaders } from './loaders.ts';
import { featuresForText } from './resolvers/features-for-text.ts';
import { decoderNeighboursAcrossSaes } from './resolvers/neighbours-across-saes.ts';
import { searchFeatures } from './resolvers/search-features.ts';
import {
  FeatureSearchConnection, FeatureSearchEdge, SearchMatch, TextFeature, TextFeatures, TextToken, TokenFeature,
} from './resolvers/search-types.ts';

/**
 * Search (issue 11): `searchFeatures` (hybrid full text + vectors over labels and evidence),
 * `featuresForText` (the model and the SAE run on a text) and `Feature.decoderNeighboursAcrossSaes`.
 * The work is in @atlas/search and @atlas/db; the process-wide SearchService (`ctx.search`) keeps the
 * search engine, the models and SAEs it runs, and the text queue.
 */
export const search = defineDomain({
  name: 'search',
  typeDefs: readSchema(import.meta.url),
  resolvers: {
    Query: { searchFeatures, featuresForText },
    Feature: { decoderNeighboursAcrossSaes },
    FeatureSearchConnection, FeatureSearchEdge, SearchMatch, TextFeatures, TextToken, TokenFeature, TextFeature,
  },
  createLoaders: createSearchLoaders,
});
