import type { AtlasDb } from '@atlas/db';
import type { Domain, LoaderRequest } from './domain.ts';
import type { domains } from './index.ts';

type Registered = (typeof domains)[number];

/** Each domain's DataLoaders under its name (`ctx.loaders.catalog.features`), typed from the domain list. */
export type DomainLoaders = {
  [D in Registered as D extends { createLoaders: unknown } ? D['name'] : never]: D extends { createLoaders: (db: AtlasDb, request: LoaderRequest) => infer L } ? L : never;
};

/** This request's loaders: a fresh set from every domain served. */
export function createDomainLoaders(db: AtlasDb, served: readonly Domain[], request: LoaderRequest): DomainLoaders {
  const loaders: Record<string, object> = {};
  for (const domain of served) {
    if (domain.createLoaders) loaders[domain.name] = domain.createLoaders(db, request);
  }
  return loaders as DomainLoaders;
}
