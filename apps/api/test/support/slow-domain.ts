import type { ApiContext } from '../../src/context.ts';
import type { Domain } from '../../src/domains/domain.ts';
import { domains } from '../../src/domains/index.ts';
import type { Resolvers } from '../../src/generated/resolvers-types.ts';

/** What the slow domain saw: resolvers started, abort reasons (their codes), and fields resolved after the wait. */
export const slowWork = { started: 0, reasons: [] as string[], resolvedAfterWait: 0 };

/**
 * A test domain whose `untilCancelled` waits for the request's signal, as a long query would
 * hold its resolvers, so tests can see a timeout or a client going away stop the work.
 */
export const slowDomain: Domain = {
  name: 'slow',
  typeDefs: `
    extend type Query { slow: Slow! }
    type Slow {
      "Resolves once the request is cancelled (never otherwise)."
      untilCancelled: Slow!
      "Counts its resolutions."
      after: Int!
    }
  `,
  resolvers: {
    Query: { slow: () => ({}) },
    Slow: {
      untilCancelled: async (_parent: unknown, _args: unknown, ctx: ApiContext) => {
        slowWork.started += 1;
        const { signal } = ctx.request;
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        slowWork.reasons.push(String((signal.reason as { code?: string }).code));
        return {};
      },
      after: () => {
        slowWork.resolvedAfterWait += 1;
        return 1;
      },
    },
  } as unknown as Resolvers,
};

export const domainsWithSlow: readonly Domain[] = [...domains, slowDomain];
