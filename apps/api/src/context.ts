import type { AtlasDb } from '@atlas/db';
import { createLoaders, type Loaders } from './loaders.ts';
import type { SteeringService } from './services/steering.ts';

/** What every resolver receives: the database, this request's DataLoaders, and the process-wide services. */
export type ApiContext = {
  db: AtlasDb;
  loaders: Loaders;
  /** Runs models at request time; one per server, so loaded models outlive requests. */
  steering: SteeringService;
};

/** Services created once per server and shared by every request. */
export type ApiServices = { steering: SteeringService };

/** The one context factory, called once per GraphQL request. */
export function createContext(db: AtlasDb, services: ApiServices): ApiContext {
  return { db, loaders: createLoaders(db), ...services };
}
