import type { AtlasDb } from '@atlas/db';
import type { Domain } from './domains/domain.ts';
import { createDomainLoaders, type DomainLoaders } from './domains/loaders.ts';
import type { SteeringService } from './domains/steering/steering-service.ts';
import type { RequestInfo } from './http/request-info.ts';

/** What every resolver receives: the database, who is asking, this request's DataLoaders, and the process-wide services. */
export type ApiContext = {
  db: AtlasDb;
  request: RequestInfo;
  /** Each domain's DataLoaders under its name, fresh for this request. */
  loaders: DomainLoaders;
  /** Runs models at request time; one per server, so loaded models outlive requests. */
  steering: SteeringService;
};

/** Services created once per server and shared by every request. */
export type ApiServices = { steering: SteeringService };

/** The one context factory, called once per GraphQL request. */
export function createContext(
  { db, services, domains, request }: { db: AtlasDb; services: ApiServices; domains: readonly Domain[]; request: RequestInfo },
): ApiContext {
  return { db, request, loaders: createDomainLoaders(db, domains), ...services };
}
