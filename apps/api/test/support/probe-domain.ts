import { AtlasError } from '@atlas/errors';
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../../src/context.ts';
import type { Domain } from '../../src/domains/domain.ts';
import { domains } from '../../src/domains/index.ts';
import type { Resolvers } from '../../src/generated/resolvers-types.ts';

/** An error class as another package would declare it. */
class ProbeError extends AtlasError {
  static override defaultCode = 'CONFLICT' as const;
  override name = 'ProbeError';
}

/** What `probe.fail(kind)` throws. */
const FAILURES: Record<string, () => Error> = {
  atlasUserFacing: () => new ProbeError('The probe is already running; wait for it to finish.'),
  atlasInternal: () => new ProbeError('probe invariant broken: secret detail', { code: 'INTERNAL_SERVER_ERROR' }),
  graphqlOurCode: () => new GraphQLError('No probe here.', { extensions: { code: 'NOT_FOUND' } }),
  graphqlOtherCode: () => new GraphQLError('strange failure: secret detail', { extensions: { code: 'SOMETHING_ELSE' } }),
  plain: () => new Error('plain failure: secret detail'),
};

const seenLoaders = new WeakSet<object>();

/**
 * A domain only tests register (next to the real ones): it shows what the request context carries,
 * throws each kind of error, and adds a Mutation, which the real schema does not have.
 */
export const probeDomain: Domain = {
  name: 'probe',
  typeDefs: `
    extend type Query { probe: Probe! }
    type Probe {
      requestId: String!
      clientAddress: String
      header(name: String!): String
      loaderDomains: [String!]!
      "True when this request's loaders were never seen by an earlier request."
      freshLoaders: Boolean!
      fail(kind: String!): Boolean
    }
    extend type Mutation { touchProbe: Int! }
  `,
  resolvers: {
    Query: { probe: () => ({}) },
    Probe: {
      requestId: (_parent: unknown, _args: unknown, ctx: ApiContext) => ctx.request.id,
      clientAddress: (_parent: unknown, _args: unknown, ctx: ApiContext) => ctx.request.clientAddress ?? null,
      header: (_parent: unknown, { name }: { name: string }, ctx: ApiContext) => String(ctx.request.headers[name] ?? ''),
      loaderDomains: (_parent: unknown, _args: unknown, ctx: ApiContext) => Object.keys(ctx.loaders),
      freshLoaders: (_parent: unknown, _args: unknown, ctx: ApiContext) => {
        const probeLoaders = (ctx.loaders as unknown as Record<string, object>)['probe'] as object;
        const fresh = !seenLoaders.has(probeLoaders);
        seenLoaders.add(probeLoaders);
        return fresh;
      },
      fail: (_parent: unknown, { kind }: { kind: string }) => {
        throw (FAILURES[kind] ?? FAILURES['plain']!)();
      },
    },
    Mutation: { touchProbe: () => 1 },
  } as unknown as Resolvers,
  createLoaders: () => ({ createdAt: Date.now() }),
};

/** The registered domains plus the probe. */
export const domainsWithProbe: readonly Domain[] = [...domains, probeDomain];
