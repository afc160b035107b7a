import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context.ts';

/**
 * Stops resolving once the request's signal aborts (the client went away, or the request ran out
 * of time): every field not yet started fails at once with the abort's reason, so no new
 * DataLoader load or query is started for an answer nobody will read.
 */
export const cancellationPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async executionDidStart() {
        return {
          willResolveField({ contextValue }) {
            contextValue.request.signal.throwIfAborted();
          },
        };
      },
    };
  },
};
