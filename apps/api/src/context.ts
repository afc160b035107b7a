import type { AtlasDb } from '@atlas/db';
import type { Viewer } from './auth/viewer.ts';
import type { Domain } from './domains/domain.ts';
import { createDomainLoaders, type DomainLoaders } from './domains/loaders.ts';
import type { JobService } from './domains/jobs/job-service.ts';
import type { SearchService } from './domains/search/search-service.ts';
import type { SteeringService } from './domains/steering/steering-service.ts';
import type { RequestInfo } from './http/request-info.ts';
import type { RateLimits } from './rate-limit/rate-limits.ts';

/** What every resolver receives: the database, who is asking, this request's DataLoaders, and the process-wide services. */
export type ApiContext = {
  db: AtlasDb;
  /** The request: id, headers, client address, and its abort signal (client gone or out of time). */
  request: RequestInfo;
  /** Who is asking (anonymous, a user, an API key with its scopes), resolved once before anything runs. */
  viewer: Viewer;
  /** Each domain's DataLoaders under its name, fresh for this request. */
  loaders: DomainLoaders;
  /** Runs models at request time; one per server, so loaded models outlive requests. */
  steering: SteeringService;
  /** Starts and cancels background jobs (the job kinds of the served domains). */
  jobs: JobService;
  /** Search's engine, the models and SAEs featuresForText runs, and its queue; one per server. */
  search: SearchService;
  /** Per-viewer rate limits, for costly fields with their own budget (`steer`). */
  rateLimits: RateLimits;
  /** The operation's cost (plugins/query-cost.ts), once it is measured. */
  cost?: number;
};

/** Services created once per server and shared by every request. */
export type ApiServices = { steering: SteeringService; jobs: JobService; search: SearchService; rateLimits: RateLimits };

/** The one context factory, called once per GraphQL request. */
export function createContext(
  { db, services, domains, request, viewer }: { db: AtlasDb; services: ApiServices; domains: readonly Domain[]; request: RequestInfo; viewer: Viewer },
): ApiContext {
  return { db, request, viewer, loaders: createDomainLoaders(db, domains, { signal: request.signal }), ...services };
}
