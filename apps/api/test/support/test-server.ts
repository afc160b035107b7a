import { openDatabase, type AtlasDb } from '@atlas/db';
import { inject } from 'vitest';
import { openTestPostgresDatabase } from '@atlas/db/testing';
import type { Query } from '../../src/generated/resolvers-types.ts';
import { createApiServer, type ApiServerOptions, type Logger } from '../../src/index.ts';
import type { Domain } from '../../src/domains/domain.ts';
import type { SteeringService } from '../../src/domains/steering/steering-service.ts';
import { seedAtlas } from './atlas-fixture.ts';

/** A response body; `data` is typed by the schema's Query type unless the test says otherwise. */
export type GraphQLResult<T = Query> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
};

export type TestServer = {
  url: string;
  origin: string;
  db: AtlasDb;
  /** Everything the server logged at warn/error level. */
  logged: unknown[][];
  gql<T = Query>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** `data` of a query that must succeed; throws with the error messages otherwise. */
  data<T = Query>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
};

export type TestDatabase = 'pglite' | 'postgres';

/** The databases a suite can run on: in-memory PGlite, and the run's real Postgres with pgvector where there is one. */
export const testDatabases: TestDatabase[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

/** An empty, migrated database of the given kind; `close()` also drops a Postgres one. */
async function openTestDatabase(kind: TestDatabase): Promise<AtlasDb> {
  const adminUrl = inject('postgresUrl');
  if (kind === 'pglite') return openDatabase({ inMemory: true });
  if (!adminUrl) throw new Error('No test Postgres in this run (see packages/db/test/support/global-postgres.ts).');
  return openTestPostgresDatabase(adminUrl);
}

/** The real server on an ephemeral port over a fresh database (default in-memory PGlite), seeded with the test atlas. */
export async function startTestServer(
  { seed = true, steering, database = 'pglite', domains, db: given, ...options }: {
    seed?: boolean; steering?: SteeringService; database?: TestDatabase; domains?: readonly Domain[];
    /** Serve this database (not closed by `close()`) instead of a fresh one. */
    db?: AtlasDb;
  } & Pick<ApiServerOptions, 'limits' | 'rateLimits' | 'resolveViewer' | 'jobs'> = {},
): Promise<TestServer> {
  const db = given ?? (await openTestDatabase(database));
  if (seed) await seedAtlas(db);
  const logged: unknown[][] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (...args) => logged.push(args),
    error: (...args) => logged.push(args),
  };
  // Tests see the database as it is: no cached answers unless a test turns the cache on. And a busy
  // CI machine must not turn real work into a timeout: tests of the time limit set their own.
  const limits = { responseCacheBytes: 0, timeoutMs: 10 * 60_000, ...options.limits };
  const server = await createApiServer({ db, port: 0, logger, ...options, limits, ...(steering ? { steering } : {}), ...(domains ? { domains } : {}) });
  const gql = async <T,>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    db,
    logged,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const { data, errors } = await gql<T>(query, variables);
      if (errors || !data) throw new Error(`query failed: ${JSON.stringify(errors)}`);
      return data;
    },
    async close() {
      await server.stop();
      if (!given) await db.close();
    },
  };
}
