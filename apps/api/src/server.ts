import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { AtlasDb } from '@atlas/db';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialViewers } from './auth/credentials.ts';
import type { ResolveViewer } from './auth/viewer.ts';
import { createContext, type ApiContext } from './context.ts';
import type { Domain } from './domains/domain.ts';
import { domains as registeredDomains } from './domains/index.ts';
import { JobService } from './domains/jobs/job-service.ts';
import { SearchService } from './domains/search/search-service.ts';
import { SteeringService } from './domains/steering/steering-service.ts';
import { formatError } from './format-error.ts';
import { AnswerCache } from './http/answer-cache.ts';
import { createGraphQLHandler } from './http/graphql-handler.ts';
import { compileTrustProxy, type TrustProxy } from './http/request-info.ts';
import { createRouter } from './http/router.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { cancellationPlugin } from './plugins/cancellation.ts';
import { depthLimit } from './plugins/depth-limit.ts';
import { errorLogPlugin } from './plugins/error-log.ts';
import { knownOperationTypes } from './plugins/known-operation-types.ts';
import { queryCostPlugin } from './plugins/query-cost.ts';
import { invalidateOnWrite } from './plugins/invalidate-on-write.ts';
import { stringInputsPlugin } from './plugins/string-inputs.ts';
import { DEFAULT_RATE_LIMITS, RateLimits, type RateLimitSettings } from './rate-limit/rate-limits.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.ts';
import { buildSchema } from './schema/build-schema.ts';

/** Where the API listens unless told otherwise: this machine only (HOST=0.0.0.0 exposes it; README: Limits). */
export const DEFAULT_HOST = '127.0.0.1';

export type ApiServerOptions = {
  db: AtlasDb;
  /** 4000 by default; 0 picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  logger?: Logger;
  /** Runs `steer`; by default one that loads each model from its `models.source_path` on first use. */
  steering?: SteeringService;
  /** Runs search and featuresForText; by default one that loads the offline search engine on first use. */
  search?: SearchService;
  /** Proxies whose `x-forwarded-for` names the client (`TRUST_PROXY`); none by default. */
  trustProxy?: TrustProxy;
  /** The GraphQL domains served: every registered one (src/domains/index.ts) unless a test adds its own. */
  domains?: readonly Domain[];
  /** What one request may ask (request-limits.ts); the defaults unless overridden. */
  limits?: Partial<RequestLimits>;
  /** Requests per minute per viewer (rate-limit/rate-limits.ts). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Who is asking, from the request's credentials: a session token or an API key by default (auth/credentials.ts). */
  resolveViewer?: ResolveViewer;
  /**
   * Background jobs: this process runs `workers` at once (0: only \`atlas worker\` processes run them), refuses new ones
   * while `maxActiveJobs` are queued or running, and queues them in `queueUrl`'s Postgres (the embedded database is
   * served on a local socket). With `startNow` the queue opens with the server (so jobs queued before a restart run);
   * otherwise on the first job.
   */
  jobs?: { workers?: number; maxActiveJobs?: number; queueUrl?: string; startNow?: boolean };
};

export type ApiServer = { url: string; stop(): Promise<void> };

/** Starts the GraphQL API on `/graphql` (and GraphiQL on `/`) over an open atlas database. */
export async function createApiServer({
  db, port = 4000, host = DEFAULT_HOST, logger = consoleLogger, steering = new SteeringService(), search = new SearchService(), trustProxy = false,
  domains = registeredDomains, resolveViewer, ...overrides
}: ApiServerOptions): Promise<ApiServer> {
  const jobs = new JobService(db, {
    kinds: domains.flatMap((domain) => domain.jobKinds ?? []),
    workers: overrides.jobs?.workers ?? 1,
    maxActiveJobs: overrides.jobs?.maxActiveJobs ?? 20,
    logger,
    ...(overrides.jobs?.queueUrl ? { queueUrl: overrides.jobs.queueUrl } : {}),
  });
  if (overrides.jobs?.startNow && jobs.kinds.length > 0) await jobs.start();
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...overrides.limits };
  const rateLimits = new RateLimits(db, { ...DEFAULT_RATE_LIMITS, ...overrides.rateLimits });
  // A request must arrive whole within the time limit (slow uploads do not hold a connection for long).
  const httpServer = createServer({ requestTimeout: limits.timeoutMs });
  const answerCache = limits.responseCacheBytes > 0 ? new AnswerCache(limits.responseCacheBytes) : undefined;
  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(domains),
    logger,
    introspection: true,
    // No automatic persisted queries: nothing uses them, and their cache would be one more thing clients fill.
    persistedQueries: false,
    // The process owner stops it (main.ts: server, then database). Apollo's own handler would stop
    // the server and re-raise the signal, so the owner's handler ran twice and exited before the
    // database was closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [depthLimit(limits.maxDepth), knownOperationTypes],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      stringInputsPlugin,
      queryCostPlugin(limits),
      cancellationPlugin,
      errorLogPlugin(logger),
      ...(answerCache ? [invalidateOnWrite(answerCache)] : []),
    ],
  });
  await apollo.start();

  const graphql = createGraphQLHandler(apollo, {
    trust: compileTrustProxy(trustProxy),
    limits,
    resolveViewer: resolveViewer ?? credentialViewers(db),
    rateLimits,
    context: async (request, viewer) => createContext({ db, services: { steering, jobs, search, rateLimits }, domains, request, viewer }),
    ...(answerCache ? { answerCache } : {}),
  });
  httpServer.on('request', createRouter(graphql, logger));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port, host }, () => resolve());
  });

  const { port: bound } = httpServer.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${bound}/graphql`,
    stop: async () => {
      await apollo.stop();
      await jobs.stop();
    },
  };
}
