import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { ApiContext } from '../context.ts';

/**
 * Whole answers kept in this process's memory (Apollo's response cache, an LRU of `maxBytes`),
 * for as long as their `@cacheControl` hints allow (60 s for the catalog; answers holding any
 * field without a hint are never kept, nor PRIVATE ones). A feature page asked again is then
 * answered without touching the database. Any mutation starts a new generation, so an answer
 * cached before a write is not served after it (other API instances keep theirs up to its maxAge).
 * Cost and rate limits still apply to cached answers: they run before the cache is read.
 */
export function responseCache({ maxBytes }: { maxBytes: number }): ApolloServerPlugin<ApiContext>[] {
  let generation = 0;
  const cache = new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: (value) => value.length });
  const bumpOnWrite: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') generation += 1;
        },
      };
    },
  };
  return [
    responseCachePlugin<ApiContext>({ cache, extraCacheKeyData: async () => generation }),
    bumpOnWrite,
  ];
}
