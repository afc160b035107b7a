import { defineDomain, readSchema } from '../domain.ts';
import { createCatalogLoaders } from './loaders.ts';
import { catalogResolvers } from './resolvers/index.ts';

/** Models, their SAEs, features with their statistics, the feature map and labels. */
export const catalog = defineDomain({
  name: 'catalog',
  typeDefs: readSchema(import.meta.url),
  resolvers: catalogResolvers,
  createLoaders: createCatalogLoaders,
});
