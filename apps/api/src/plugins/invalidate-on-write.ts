import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context.ts';
import type { AnswerCache } from '../http/answer-cache.ts';

/**
 * Invalidates the answer cache (http/answer-cache.ts) after every mutation, whatever it wrote:
 * an answer kept before a write is not served after it.
 */
export function invalidateOnWrite(answers: AnswerCache): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') answers.invalidate();
        },
      };
    },
  };
}
