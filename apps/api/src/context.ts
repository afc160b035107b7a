import type { AtlasDb } from '@atlas/db';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every resolver receives: the database and this request's DataLoaders. */
export type ApiContext = {
  db: AtlasDb;
  loaders: Loaders;
};

/** The one context factory, called once per GraphQL request. */
export function createContext(db: AtlasDb): ApiContext {
  return { db, loaders: createLoaders(db) };
}
