import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { AtlasDb } from '@atlas/db';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContext, type ApiContext } from './context.ts';
import type { Domain } from './domains/domain.ts';
import { domains as registeredDomains } from './domains/index.ts';
import { SteeringService } from './domains/steering/steering-service.ts';
import { createErrorFormatter } from './format-error.ts';
import { createGraphQLHandler } from './http/graphql-handler.ts';
import { compileTrustProxy, type TrustProxy } from './http/request-info.ts';
import { createRouter } from './http/router.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { depthLimit } from './plugins/depth-limit.ts';
import { buildSchema } from './schema/build-schema.ts';

/** Deepest field nesting a query may use (introspection excluded). */
const MAX_QUERY_DEPTH = 10;

export type ApiServerOptions = {
  db: AtlasDb;
  /** 4000 by default; 0 picks a free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Runs `steer`; by default one that loads each model from its `models.source_path` on first use. */
  steering?: SteeringService;
  /** Proxies whose `x-forwarded-for` names the client (`TRUST_PROXY`); none by default. */
  trustProxy?: TrustProxy;
  /** The GraphQL domains served: every registered one (src/domains/index.ts) unless a test adds its own. */
  domains?: readonly Domain[];
};

export type ApiServer = { url: string; stop(): Promise<void> };

/** Starts the GraphQL API on `/graphql` (and GraphiQL on `/`) over an open atlas database. */
export async function createApiServer({
  db, port = 4000, host, logger = consoleLogger, steering = new SteeringService(), trustProxy = false, domains = registeredDomains,
}: ApiServerOptions): Promise<ApiServer> {
  const httpServer = createServer();
  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(domains),
    logger,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  const graphql = createGraphQLHandler(apollo, {
    trust: compileTrustProxy(trustProxy),
    context: async (request) => createContext({ db, services: { steering }, domains, request }),
  });
  httpServer.on('request', createRouter(graphql, logger));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port, host }, () => resolve());
  });

  const { port: bound } = httpServer.address() as AddressInfo;
  return {
    url: `http://${host ?? 'localhost'}:${bound}/graphql`,
    stop: () => apollo.stop(),
  };
}
